/**
 * Types of `@socialgouv/jours-feries` 2.0 (the package ships none). It returns, for a year, each French
 * public holiday's name and its midnight as a `Date` built with the machine's local-time constructor
 * (`new Date(year, month, day)`), so the calendar day is read with the local getters.
 */
declare module '@socialgouv/jours-feries' {
  /**
   * @param year e.g. 2026
   * @param options `alsace: true` adds Vendredi saint and Saint Étienne (Alsace-Moselle)
   * @returns holiday name → local midnight of that day
   */
  export default function joursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
}
