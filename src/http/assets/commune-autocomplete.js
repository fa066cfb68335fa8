// Progressive enhancement of the « Commune » field of /recherche (the page works without it): an
// accessible autocomplete (alphagov accessible-autocomplete, served from /assets) fed by
// GET /api/v1/communes. The form still submits `near`: the INSEE code of the commune picked in the list,
// or else the text typed, which the server resolves exactly as without JavaScript.

const field = document.querySelector('input[data-commune-autocomplete]');
const accessibleAutocomplete = window.accessibleAutocomplete;

if (field instanceof HTMLInputElement && field.form && typeof accessibleAutocomplete === 'function') {
  enhance(field, accessibleAutocomplete);
}

/** « Rennes (35) », as the server writes it back in the field. */
function labelOf(commune) {
  return `${commune.name} (${commune.departmentCode})`;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function enhance(original, autocomplete) {
  const form = original.form;
  const hidden = document.createElement('input');
  hidden.type = 'hidden';
  hidden.name = 'near';
  hidden.value = original.dataset.communeCode || original.value;
  // The text shown for the commune behind `hidden` (null: `hidden` holds what was typed).
  let confirmedLabel = original.dataset.communeCode ? original.value : null;

  const container = document.createElement('div');
  container.className = 'amont-commune-autocomplete';
  const hintId = original.getAttribute('aria-describedby');
  const inError = original.classList.contains('govuk-input--error');
  original.replaceWith(container);
  container.insertAdjacentElement('afterend', hidden);

  let pending = null;
  autocomplete({
    element: container,
    id: original.id,
    name: 'near-text',
    defaultValue: original.value,
    minLength: 2,
    confirmOnBlur: false,
    displayMenu: 'overlay',
    inputClasses: inError ? 'govuk-input--error' : null,
    source(query, populateResults) {
      pending?.abort();
      pending = new AbortController();
      fetch(`/api/v1/communes?q=${encodeURIComponent(query)}&limit=10`, {
        signal: pending.signal,
        headers: { accept: 'application/json' },
      })
        .then((res) => (res.ok ? res.json() : { results: [] }))
        .then((body) => populateResults(body.results))
        .catch((error) => {
          if (error.name !== 'AbortError') {
            populateResults([]);
          }
        });
    },
    templates: {
      inputValue: (commune) => (commune ? labelOf(commune) : ''),
      suggestion: (commune) =>
        typeof commune === 'string'
          ? escapeHtml(commune)
          : `${escapeHtml(labelOf(commune))}${commune.postalCode ? ` <span class="amont-secondary">${escapeHtml(commune.postalCode)}</span>` : ''}`,
    },
    onConfirm(commune) {
      if (commune) {
        hidden.value = commune.code;
        confirmedLabel = labelOf(commune);
      }
    },
    tNoResults: () => 'Aucune commune trouvée',
    tStatusQueryTooShort: (min) => `Saisissez au moins ${min} caractères pour voir des communes`,
    tStatusNoResults: () => 'Aucune commune trouvée',
    tStatusSelectedOption: (option, length, index) =>
      `${option} ${index + 1} sur ${length} est en surbrillance`,
    tStatusResults: (length, selected) =>
      `${length} ${length === 1 ? 'commune est proposée' : 'communes sont proposées'}. ${selected}`,
    tAssistiveHint: () =>
      'Quand des communes sont proposées, parcourez-les avec les flèches haut et bas, et choisissez avec Entrée.',
  });

  const visible = container.querySelector('input.autocomplete__input');
  if (hintId && visible) {
    visible.setAttribute(
      'aria-describedby',
      `${hintId} ${visible.getAttribute('aria-describedby') ?? ''}`.trim(),
    );
  }
  const syncTyped = () => {
    const text = visible ? visible.value.trim() : '';
    if (text !== confirmedLabel) {
      hidden.value = text;
      confirmedLabel = null;
    }
  };
  visible?.addEventListener('input', syncTyped);
  form.addEventListener('submit', () => {
    syncTyped();
    // Only `near` goes into the URL, as without JavaScript.
    visible?.removeAttribute('name');
  });
}
