import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../types';

/** The data version: it changes whenever a run writes posts or events. */
export async function dataVersion(db: Kysely<Database>): Promise<number> {
  const r = await db.selectFrom('data_version').select('version').where('id', '=', 1).executeTakeFirst();
  return Number(r?.version ?? 0);
}

/** Marks the data as changed, inside the writing transaction. */
export async function bumpDataVersion(trx: Kysely<Database> | Transaction<Database>): Promise<void> {
  await trx
    .updateTable('data_version')
    .set({ version: sql`version + 1`, changed_at: sql`now()` })
    .where('id', '=', 1)
    .execute();
}
