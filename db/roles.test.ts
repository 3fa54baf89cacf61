// The web tier cannot write: through its read-only role on a server (which can neither make
// temporary tables nor take the ingest's advisory lock), and through its sessions' read-only
// default whatever role they use, on both databases.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createDb, migrateToLatest, type Database } from '@/db';
import { openWebDb } from '@/lib/server/db';
import { insertFixture } from '@/scripts/testing/fixture';
import { dbKind, serverDatabase } from '@/scripts/testing/db';
import { storePosts } from '@/lib/load/store';
import { ADVISORY_LOCK_FUNCTIONS, grantReader, type GrantResult } from './roles';

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
  // A writer that is not a superuser, as in production: the database's owner.
  const ownerRole = `sidelines_owner_${process.pid}`;
  let target: { url: string; drop: () => Promise<void> };
  let other: { url: string; drop: () => Promise<void> };
  let admin: Kysely<Database>;
  let owner: Kysely<Database>;
  let asOwnerFirst: GrantResult;
  let asSuperuser: GrantResult;

  const as = (url: string, user: string) => {
    const u = new URL(url);
    u.username = user;
    u.password = '';
    return u.toString();
  };
  const asRole = () => as(target.url, role);

  beforeAll(async () => {
    target = await serverDatabase(server!, 'sidelines_roles');
    other = await serverDatabase(server!, 'sidelines_roles_other');
    admin = await createDb({ url: target.url, poolMax: 1 });
    // CREATEROLE, to make the reader, as the owner must have to run db:grant-reader.
    await sql`create role ${sql.id(ownerRole)} login createrole`.execute(admin);
    await sql`alter database ${sql.id(new URL(target.url).pathname.slice(1))} owner to ${sql.id(ownerRole)}`.execute(admin);
    owner = await createDb({ url: as(target.url, ownerRole), poolMax: 2 });
    await migrateToLatest(owner);
    await insertFixture(owner);
    // As the README has it, the owner grants: all but the advisory locks, which need a superuser.
    asOwnerFirst = await grantReader(owner, role);
    asSuperuser = await grantReader(admin, role);
  });

  afterAll(async () => {
    await owner?.destroy();
    await admin?.destroy();
    await target?.drop();
    await other?.drop();
    const root = await createDb({ url: server!, poolMax: 1 });
    await sql`drop role if exists ${sql.id(role)}`.execute(root);
    await sql`drop role if exists ${sql.id(ownerRole)}`.execute(root);
    await root.destroy();
  });

  test('granted by the owner, then by a superuser, then again: created once, advisory locks revoked by the superuser', async () => {
    expect(asOwnerFirst).toEqual({ created: true, advisoryLocksRevoked: false });
    expect(asSuperuser).toEqual({ created: false, advisoryLocksRevoked: true });
    // Idempotent: changes nothing, creates nothing, and the owner undoes nothing.
    expect(await grantReader(owner, role)).toEqual({ created: false, advisoryLocksRevoked: true });
    expect(await grantReader(admin, role)).toEqual({ created: false, advisoryLocksRevoked: true });
  });

  test('it reads every table but cannot insert, update, delete or create, not even a temporary table', async () => {
    const reader = await createDb({ url: asRole(), poolMax: 1 });
    try {
      expect((await reader.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n).toBeGreaterThan(0);
      expect(await tryInsert(reader)).toMatch(/permission denied/);
      await expect(reader.updateTable('events').set({ title: 'x' }).execute()).rejects.toThrow(/permission denied/);
      await expect(reader.deleteFrom('rollup_monthly').execute()).rejects.toThrow(/permission denied/);
      await expect(sql`create table intruder (id int)`.execute(reader)).rejects.toThrow(/permission denied/);
      await expect(sql`create temporary table intruder (id int)`.execute(reader)).rejects.toThrow(/permission denied to create temporary tables/);
    } finally {
      await reader.destroy();
    }
  });

  test('it can take no advisory lock, so it cannot hold the ingest back; the owner still ingests and migrates', async () => {
    const reader = await createDb({ url: asRole(), poolMax: 1 });
    try {
      for (const f of ADVISORY_LOCK_FUNCTIONS) {
        const args = f.includes('integer') ? sql`1, 2` : sql`${0x5_1de_11e5}::bigint`;
        await expect(sql`select ${sql.raw(f.slice(0, f.indexOf('(')))}(${args})`.execute(reader), f).rejects.toThrow(/permission denied for function/);
      }
      // Its own reads, in a transaction left open, hold nothing an ingest waits for.
      await reader.transaction().execute(async (trx) => {
        await trx.selectFrom('posts').select('id').execute();
        const stored = await storePosts(owner, [{ channel: 'roles_test', externalId: '1', postedAt: new Date('2023-09-20T10:00:00Z'), lang: 'en', text: 'Sergey Lavrov met with Foreign Minister of Jordan Ayman Safadi.', url: null, seq: 0 }]);
        expect(stored.postsNew).toBe(1);
      });
    } finally {
      await reader.destroy();
    }
    // The migrator takes an advisory lock of its own (and the rollup refresh a temporary table).
    await expect(migrateToLatest(owner)).resolves.toBeDefined();
    expect((await sql<{ n: number }>`select count(*)::int as n from posts p join channels c on c.id = p.channel_id where c.handle = 'roles_test'`.execute(owner)).rows[0]!.n).toBe(1);
  });

  test('CONNECT on its own database only', async () => {
    const { rows } = await sql<{ datname: string }>`
      select datname from pg_database, aclexplode(datacl) a where a.grantee = (select oid from pg_roles where rolname = ${role})`.execute(admin);
    expect(rows.map((r) => r.datname)).toEqual([new URL(target.url).pathname.slice(1)]);
    // A database whose owner has revoked CONNECT from PUBLIC (as each must, for its own) is closed to it.
    await sql`revoke connect on database ${sql.id(new URL(other.url).pathname.slice(1))} from public`.execute(admin);
    const elsewhere = await createDb({ url: as(other.url, role), poolMax: 1 });
    try {
      await expect(sql`select 1`.execute(elsewhere)).rejects.toThrow(/permission denied for database/);
    } finally {
      await elsewhere.destroy();
    }
  });

  test('the web app reads through it, and migrates through the writer when it must', async () => {
    const web = await openWebDb({ DATABASE_URL: asRole(), DATABASE_URL_WRITE: as(target.url, ownerRole) });
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
