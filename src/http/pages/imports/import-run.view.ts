import { DateTime } from 'luxon';
import {
  figureLabel,
  importKindLabel,
  importStatusLabel,
  OUTCOME_KEYS,
  qualityFlagLabel,
  type ImportRunSummary,
  type OutcomeCounts,
  type OutcomeKey,
} from '../../../domain/imports/index.ts';
import { PARIS_ZONE } from '../../../domain/shared/index.ts';

/**
 * What the import pages show of a run: French labels, dates in Paris time, the status tag. The numbers
 * stay numbers (the `frNumber` filter formats them in the templates).
 */

/** The govuk-frontend tag colour of each status. */
const STATUS_TAG_CLASSES: Record<string, string> = {
  done: 'govuk-tag--green',
  running: 'govuk-tag--blue',
  failed: 'govuk-tag--red',
};

/**
 * An instant written in French, in Europe/Paris time (the platform's reference, whatever the server's
 * zone), with « 1er » for the first of the month.
 * @param date the instant
 * @returns e.g. '3 décembre 2026 à 9 h 05', '1er mars 2026 à 14 h 30'
 * @example formatParisDateTime(new Date('2026-11-30T13:05:00Z')) // '30 novembre 2026 à 14 h 05'
 */
export function formatParisDateTime(date: Date): string {
  const paris = DateTime.fromJSDate(date, { zone: PARIS_ZONE }).setLocale('fr');
  const day = paris.day === 1 ? `1er ${paris.toFormat('MMMM yyyy')}` : paris.toFormat('d MMMM yyyy');
  return `${day} à ${paris.toFormat("H 'h' mm")}`;
}

/**
 * A duration written in French.
 * @param ms milliseconds
 * @returns e.g. 'moins d’une seconde', '12 s', '3 min 05 s', '1 h 02 min'
 */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 1) {
    return 'moins d’une seconde';
  }
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  }
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** A run as the templates show it. */
export interface ImportRunDisplay {
  id: number;
  kind: string;
  kindLabel: string;
  file: string;
  status: string;
  statusTag: { text: string; classes: string };
  startedAt: { iso: string; text: string };
  finishedAt: { iso: string; text: string } | null;
  /** Null while the run is in progress. */
  duration: string | null;
  counts: OutcomeCounts;
  /** The counts as labelled rows (`outcomeRows`). */
  outcomes: { key: OutcomeKey; label: string; count: number }[];
  /** Quality flags, most frequent first; `label` null for a flag without a French label yet. */
  flags: { name: string; label: string | null; count: number }[];
  /** Other figures, by key; `label` null when unknown. */
  otherFigures: { key: string; label: string | null; count: number }[];
}

/**
 * The template view of a run.
 * @param run the domain run
 * @returns labels, Paris dates and sorted flags
 */
export function displayImportRun(run: ImportRunSummary): ImportRunDisplay {
  const instant = (d: Date) => ({ iso: d.toISOString(), text: formatParisDateTime(d) });
  return {
    id: run.id,
    kind: run.kind,
    kindLabel: importKindLabel(run.kind),
    file: run.file,
    status: run.status,
    statusTag: {
      text: importStatusLabel(run.status),
      classes: STATUS_TAG_CLASSES[run.status] ?? 'govuk-tag--grey',
    },
    startedAt: instant(run.startedAt),
    finishedAt: run.finishedAt === null ? null : instant(run.finishedAt),
    duration:
      run.finishedAt === null ? null : formatDuration(run.finishedAt.getTime() - run.startedAt.getTime()),
    counts: run.counts,
    outcomes: outcomeRows(run.counts),
    flags: Object.entries(run.flags)
      .map(([name, count]) => ({ name, label: qualityFlagLabel(name), count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    otherFigures: Object.entries(run.otherFigures).map(([key, count]) => ({
      key,
      label: figureLabel(key),
      count,
    })),
  };
}

const OUTCOME_LABELS: Record<OutcomeKey, string> = {
  read: 'Enregistrements lus',
  inserted: 'Importés (nouveaux)',
  updated: 'Mis à jour',
  unchanged: 'Inchangés',
  duplicate: 'Doublons fusionnés',
  rejected: 'Rejetés',
};

/**
 * The outcome counts as labelled rows, in the order of the equation read = inserted + … + rejected.
 * @param counts a run's counts or a sum of them
 * @returns one row per outcome
 */
export function outcomeRows(counts: OutcomeCounts): { key: OutcomeKey; label: string; count: number }[] {
  return OUTCOME_KEYS.map((key) => ({ key, label: OUTCOME_LABELS[key], count: counts[key] }));
}
