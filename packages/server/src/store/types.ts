import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/tables.js';

/** A connection or a transaction: repository functions take either. */
export type Db = Kysely<Tables> | Transaction<Tables>;
