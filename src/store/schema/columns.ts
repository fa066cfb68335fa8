import type { ColumnType } from 'kysely';

/**
 * Column types shared by the table types of `src/store/schema/`, following the conventions of the `pg`
 * driver described in `../schema.ts`.
 */

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** numeric(16,2): read as a decimal string, written as number or string. Euros HT. */
export type Numeric = ColumnType<string, number | string, number | string>;
/** date: read as 'YYYY-MM-DD' (type parser set in database.ts), written as 'YYYY-MM-DD'. */
export type DateOnly = ColumnType<string, string, string>;
export type Json = ColumnType<unknown, string, string>;

/** Text array column: read as string[], defaulted on insert. */
export type TextArray = ColumnType<string[], string[] | undefined, string[]>;
