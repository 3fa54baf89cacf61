// The setup most query and route test files share: a fresh database with the fixture in it,
// made before the file's tests and closed after them.
import { afterAll, beforeAll } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '@/db/types';
import { setDb } from '@/lib/server/db';
import { freshDb, type TestDb } from './db';
import { insertFixture } from './fixture';

export interface FixtureDb {
  readonly db: Kysely<Database>;
  /** The fixture's event ids, in FIXTURE order. */
  readonly ids: number[];
}

/** With `serve`, the app's routes read this database too. Call it inside a describe block. */
export function fixtureDb(opts: { serve?: boolean } = {}): FixtureDb {
  let t: TestDb | undefined;
  let ids: number[] = [];
  beforeAll(async () => {
    t = await freshDb();
    ids = await insertFixture(t.db);
    if (opts.serve) setDb(t.db);
  });
  afterAll(() => t?.close());
  return {
    get db() {
      if (!t) throw new Error('the fixture database is made in beforeAll: read it inside a test');
      return t.db;
    },
    get ids() {
      return ids;
    },
  };
}
