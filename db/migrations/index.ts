// Migrations are listed here, not discovered on disk, so that the Next.js server bundle and the
// CLI run the same set. Add each new file below, in name order.
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './20261127_0001_initial';
import * as m0002 from './20261127_0002_data_version';
import * as m0003 from './20261127_0003_monthly_rollup';
import * as m0004 from './20261127_0004_rollup_facets';
import * as m0005 from './20261128_0005_rollup_post_type_sets';
import * as m0006 from './20261201_0006_posts_known_by_id';
import * as m0007 from './20261201_0007_retired_events';
import * as m0008 from './20261201_0008_event_post_roles';
import * as m0009 from './20261201_0009_channel_freshness';

const migrations: Record<string, Migration> = {
  '20261127_0001_initial': m0001,
  '20261127_0002_data_version': m0002,
  '20261127_0003_monthly_rollup': m0003,
  '20261127_0004_rollup_facets': m0004,
  '20261128_0005_rollup_post_type_sets': m0005,
  '20261201_0006_posts_known_by_id': m0006,
  '20261201_0007_retired_events': m0007,
  '20261201_0008_event_post_roles': m0008,
  '20261201_0009_channel_freshness': m0009,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
