import type { ImportReport } from '../ingest/import-run.ts';
import type { SearchRefresh } from '../search/refresh.ts';

const nf = new Intl.NumberFormat('fr-FR');

/** Labels of the outcome counts, in the order they are printed. */
const OUTCOME_LABELS: [keyof ImportReport['counts'], string][] = [
  ['read', 'lus'],
  ['inserted', 'importés'],
  ['updated', 'mis à jour'],
  ['unchanged', 'inchangés'],
  ['duplicate', 'doublons fusionnés'],
  ['rejected', 'rejetés'],
];

/**
 * Formats an import report for the terminal, in French.
 * @param report the finished run's report
 * @param maxRejections how many rejections to list (the rest is counted; all are in `import_rejections`)
 * @returns lines of text
 */
export function formatReport(report: ImportReport, maxRejections = 20): string[] {
  const failed = report.status === 'failed' ? ' — ÉCHEC : fichier lu en partie' : '';
  const lines = [
    `Import ${report.kind.toUpperCase()} — ${report.file} (rapport n° ${report.runId})${failed}`,
  ];
  lines.push(
    '  ' + OUTCOME_LABELS.map(([k, label]) => `${label} : ${nf.format(report.counts[k])}`).join(' · '),
  );
  const extras = Object.entries(report.extra).sort(([a], [b]) => a.localeCompare(b));
  if (extras.length > 0) {
    lines.push('  ' + extras.map(([k, v]) => `${k} : ${nf.format(v)}`).join(' · '));
  }
  if (report.rejections.length > 0) {
    lines.push(`  Rejets (${nf.format(report.rejections.length)}) :`);
    for (const r of report.rejections.slice(0, maxRejections)) {
      lines.push(`    - ${r.position} : ${r.reason}`);
    }
    if (report.rejections.length > maxRejections) {
      lines.push(
        `    … et ${nf.format(report.rejections.length - maxRejections)} autres (option --report FICHIER.json pour la liste complète)`,
      );
    }
  }
  lines.push(`  Durée : ${(report.durationMs / 1000).toFixed(1)} s`);
  return lines;
}

/**
 * One line, in French, on what a search-index refresh did.
 * @param refresh the refresh (scope, documents written, removed, duration in ms)
 */
export function formatSearchRefresh(refresh: SearchRefresh): string {
  const scope = refresh.scope === 'all' ? 'reconstruit' : 'mis à jour';
  const seconds = (refresh.durationMs / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 });
  return (
    `Index de recherche ${scope} : ${nf.format(refresh.documents)} documents écrits, ` +
    `${nf.format(refresh.removed)} retirés, ${nf.format(refresh.lexiconWords)} mots connus (${seconds} s)`
  );
}
