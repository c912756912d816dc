import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { Db } from '../store/types.js';
import { generateKey, open, seal, unwrapKey, wrapKey } from './envelope.js';
import { KeyFileError, loadKekRing, type KekRing } from './keyFile.js';

/**
 * The data keys that encrypt answers at rest. Each data key is stored in `data_keys` wrapped under a key-encryption
 * key (KEK) from outside the database; unwrapped data keys live only in this process's memory. New answers are
 * sealed under the newest data key; older rows keep the key id they were sealed with.
 */
export class AnswerKeys {
  private readonly deks = new Map<string, Buffer>();
  private active: { id: string; key: Buffer } | undefined;

  private constructor(
    private ring: KekRing,
    private readonly reload: () => KekRing,
  ) {}

  /** Loads the KEK ring and makes sure a data key exists (creating the first one). */
  static async open(db: Kysely<Tables>, loadRing: () => KekRing): Promise<AnswerKeys> {
    const keys = new AnswerKeys(loadRing(), loadRing);
    await keys.refreshActive(db);
    return keys;
  }

  /** Picks the newest data key, creating one when there is none (one creator at a time). */
  async refreshActive(db: Kysely<Tables>): Promise<void> {
    const row = await db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(7240615)`.execute(tx);
      const current = await tx
        .selectFrom('data_keys')
        .selectAll()
        .where('retired_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
      if (current) return current;
      return createDataKey(tx, this.ring);
    });
    this.active = { id: row.id, key: this.unwrap(row) };
  }

  private unwrap(row: { id: string; kek_id: string; wrapped: Uint8Array }): Buffer {
    const cached = this.deks.get(row.id);
    if (cached) return cached;
    let kek = this.ring.all.get(row.kek_id);
    if (!kek) {
      // Rotated by `komek keys rotate` while this process runs: the new KEK is in the key folder now.
      this.ring = this.reload();
      kek = this.ring.all.get(row.kek_id);
    }
    if (!kek)
      throw new KeyFileError(
        `data key ${row.id}`,
        `is wrapped under key-encryption key ${row.kek_id}, which this server does not have`,
      );
    const key = unwrapKey(kek.key, kek.id, row.wrapped, row.id);
    this.deks.set(row.id, key);
    return key;
  }

  /** Seals answers for a place (`submission:<id>:<revision>`): the bytes and the data key's id. */
  seal(answers: unknown, context: string): { answers: Buffer; keyId: string } {
    if (!this.active) throw new Error('data keys are not loaded');
    return { answers: seal(this.active.key, JSON.stringify(answers), context), keyId: this.active.id };
  }

  /** Seals bytes (a PDF a job made) for a place. */
  sealBytes(content: Uint8Array, context: string): { content: Buffer; keyId: string } {
    if (!this.active) throw new Error('data keys are not loaded');
    return { content: seal(this.active.key, content, context), keyId: this.active.id };
  }

  /** Opens bytes sealed by `sealBytes`. */
  async openBytes(db: Db, sealed: Uint8Array, keyId: string, context: string): Promise<Buffer> {
    return open(await this.dataKey(db, keyId), sealed, context);
  }

  private async dataKey(db: Db, keyId: string): Promise<Buffer> {
    const key = this.deks.get(keyId);
    if (key) return key;
    const row = await db.selectFrom('data_keys').selectAll().where('id', '=', keyId).executeTakeFirst();
    if (!row) throw new KeyFileError(`data key ${keyId}`, 'is not in this database');
    return this.unwrap(row);
  }

  /** Opens answers sealed by `seal` (any data key this database holds). */
  async open(db: Db, sealed: Uint8Array, keyId: string, context: string): Promise<Record<string, unknown>> {
    return JSON.parse(open(await this.dataKey(db, keyId), sealed, context).toString('utf8')) as Record<string, unknown>;
  }
}

async function createDataKey(db: Db, ring: KekRing) {
  const id = `dek-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const wrapped = wrapKey(ring.current.key, ring.current.id, generateKey(), id);
  return db
    .insertInto('data_keys')
    .values({ id, kek_id: ring.current.id, wrapped, created_at: new Date(), retired_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * `komek keys rotate`: re-wraps every data key under the ring's current KEK (a new key file, or the KEK now in
 * KOMEK_KEK) and starts a new data key for new answers. Answers are not re-encrypted; running servers keep working
 * (they hold their unwrapped data keys and load new ones on demand). Returns how many keys were re-wrapped.
 */
export async function rewrapDataKeys(
  db: Kysely<Tables>,
  ring: KekRing,
): Promise<{ rewrapped: number; newKeyId: string }> {
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(7240615)`.execute(tx);
    const rows = await tx.selectFrom('data_keys').selectAll().forUpdate().execute();
    for (const row of rows) {
      const kek = ring.all.get(row.kek_id);
      if (!kek)
        throw new KeyFileError(
          `data key ${row.id}`,
          `is wrapped under ${row.kek_id}, which is neither in the key folder nor in KOMEK_KEK_PREVIOUS`,
        );
      const dek = unwrapKey(kek.key, kek.id, row.wrapped, row.id);
      await tx
        .updateTable('data_keys')
        .set({ kek_id: ring.current.id, wrapped: wrapKey(ring.current.key, ring.current.id, dek, row.id) })
        .where('id', '=', row.id)
        .execute();
    }
    await tx.updateTable('data_keys').set({ retired_at: new Date() }).where('retired_at', 'is', null).execute();
    const created = await createDataKey(tx, ring);
    return { rewrapped: rows.length, newKeyId: created.id };
  });
}

/** The KEK ring of a data folder (KOMEK_KEK wins), created on first start. */
export function kekRingFor(dataDir: string, create = true): () => KekRing {
  return () => loadKekRing(dataDir, { create });
}
