import type { ColumnType } from 'kysely';

// Column types shared by the table shapes.
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json = ColumnType<unknown, string, string>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export type TextArray = ColumnType<string[], string[] | undefined, string[]>;
export type JsonDefault = ColumnType<unknown, string | undefined, string>;
// bigint columns come back as strings from pg and as numbers from PGlite: read them through Number().
export type BigIntColumn = ColumnType<string | number, number, number>;
