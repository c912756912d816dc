import { sql, type RawBuilder } from 'kysely';

/**
 * A value for a JSONB column. Sent as text and cast, so both drivers store the same thing: PGlite would encode a
 * string given for a jsonb parameter as a JSON string, and pg would send a JS array as a PostgreSQL array.
 */
export function jsonb(value: unknown): RawBuilder<never> {
  return sql<never>`${JSON.stringify(value)}::text::jsonb`;
}
