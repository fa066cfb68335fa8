/**
 * Public surface of the shared value objects: identifiers (SIREN/SIRET, CPV, NAF, COG), amounts and dates.
 * Other contexts import from here, not from the individual files.
 */
export * from './domain-error.ts';
export * from './siren.ts';
export * from './cpv-code.ts';
export * from './naf-code.ts';
export * from './cog.ts';
export * from './money.ts';
export * from './french-date.ts';
