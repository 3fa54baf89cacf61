// The web tier cannot write: through its read-only role on a server, and through its sessions'
// read-only default whatever role they use, on both databases.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createDb, migrateToLatest, type Database } from '@/db';
import { openWebDb } from '@/lib/db';
import { insertFixture } from '@/lib/testing/fixture';
import { dbKind, serverDatabase } from '@/lib/testing/db';
import { grantReader } from './roles';

const server = process.env.DATABASE_URL;

async function tryInsert(db: Kysely<Database>): Promise<string> {
  try {
    await db.insertInto('channels').values({ handle: `intruder-${Date.now()}` }).execute();
    return 'written';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

describe.runIf(server)('the read-only role on the server', () => {
  const role = `sidelines_reader_${process.pid}`;
  let target: { url: string; drop: () => Promise<void> };
  let owner: Kysely<Database>;

  beforeAll(async () => {
    target = await serverDatabase(server!, 'sidelines_roles');
    owner = await createDb({ url: target.url, poolMax: 2 });
    await migrateToLatest(owner);
    await insertFixture(owner);
    expect(await grantReader(owner, role)).toEqual({ created: true });
    // Idempotent: a second grant changes nothing and creates nothing.
    expect(await grantReader(owner, role)).toEqual({ created: false });
  });

  afterAll(async () => {
    await owner?.destroy();
    await target?.drop();
    const admin = await createDb({ url: server!, poolMax: 1 });
    await sql`drop role if exists ${sql.id(role)}`.execute(admin);
    await admin.destroy();
  });

  const asRole = () => {
    const u = new URL(target.url);
    u.username = role;
    u.password = '';
    return u.toString();
  };

  test('it reads every table but cannot insert, update, delete or create', async () => {
    const reader = await createDb({ url: asRole(), poolMax: 1 });
    try {
      expect((await reader.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBeGreaterThan(0);
      expect(await tryInsert(reader)).toMatch(/permission denied/);
      await expect(reader.updateTable('events').set({ title: 'x' }).execute()).rejects.toThrow(/permission denied/);
      await expect(reader.deleteFrom('rollup_monthly').execute()).rejects.toThrow(/permission denied/);
      await expect(sql`create table intruder (id int)`.execute(reader)).rejects.toThrow(/permission denied/);
    } finally {
      await reader.destroy();
    }
  });

  test('the web app reads through it, and migrates through the writer when it must', async () => {
    const web = await openWebDb({ DATABASE_URL: asRole(), DATABASE_URL_WRITE: target.url });
    try {
      expect((await web.selectFrom('events').select('id').execute()).length).toBeGreaterThan(0);
      expect(await tryInsert(web)).toMatch(/permission denied|read-only transaction/);
    } finally {
      await web.destroy();
    }
  });

  test('tables made by later migrations are readable too', async () => {
    await sql`create table later_table (id int)`.execute(owner);
    const reader = await createDb({ url: asRole(), poolMax: 1 });
    try {
      expect((await sql`select count(*) from later_table`.execute(reader)).rows).toHaveLength(1);
    } finally {
      await reader.destroy();
      await sql`drop table later_table`.execute(owner);
    }
  });

  test('a bad role name is refused before any SQL', async () => {
    await expect(grantReader(owner, 'x"; drop table events; --')).rejects.toThrow(/role names are/);
  });
});

describe(`the web app's sessions on the ${dbKind} database refuse writes even as the owner`, () => {
  let web: Kysely<Database>;
  let cleanup = async () => {};

  beforeAll(async () => {
    if (server) {
      const target = await serverDatabase(server, 'sidelines_webro');
      cleanup = target.drop;
      web = await openWebDb({ DATABASE_URL: target.url });
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidelines-webro-'));
      cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
      web = await openWebDb({ SIDELINES_DATA_DIR: dir });
    }
  });

  afterAll(async () => {
    await web?.destroy();
    await cleanup();
  });

  test('migrated, readable, and every write fails', async () => {
    expect(await web.selectFrom('events').select('id').execute()).toEqual([]);
    expect(await tryInsert(web)).toMatch(/read-only transaction/);
  });
});
