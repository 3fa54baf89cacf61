// npm run reparse [-- --year YYYY]: rebuilds every event from the stored posts with today's parser
// and taxonomy, without the source files. One transaction: all or nothing. An event found again
// keeps its id, so /events/ID links survive (lib/load/event-ids.ts).
import { parseArgs } from 'node:util';
import { configFromEnv, describeConfig, migrateToLatest } from '@/db';
import { unparsedLine } from '@/lib/load/failures';
import { progressReporter } from '@/lib/load/progress';
import { openDatabaseOrServer } from '@/lib/load/socket-client';
import { reparseAll, type StoreSummary } from '@/lib/load/store';
import { programMain, runIfEntry, type Io } from './io';

async function run(argv: string[], io: Io): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { year: { type: 'string' } } });
  const year = values.year ? Number(values.year) : undefined;
  if (year !== undefined && !(year >= 1990 && year <= 2100)) throw new Error(`--year must be a year (got "${values.year}")`);
  const config = configFromEnv(io.env);
  const onProgress = io.progress ? progressReporter(io.progress) : undefined;
  const target = await openDatabaseOrServer(config);
  let s: StoreSummary;
  if ('server' in target) {
    // The dashboard holds the embedded folder: it reparses in its database.
    io.stderr('reparse: the dashboard is running on this data folder: reparsing through it\n');
    s = await target.server.reparse({ year, onProgress });
  } else {
    const { db } = target;
    try {
      await migrateToLatest(db);
      s = await reparseAll(db, { year, onProgress });
    } finally {
      await db.destroy();
    }
  }
  io.stdout(
    `${describeConfig(config)}: ${s.postsRead} posts reparsed, ${s.eventsCreated} events (${s.eventsKept} kept their ids, ${s.eventsRetired} removed: their links answer 410), ${s.postsNoEvent} posts with no event, ${s.postsFailed} failed\n`,
  );
  // A parser that now fails on posts it used to read must be seen, not only counted.
  const unparsed = unparsedLine(s.postsFailed, s.failures.map((f) => f.post));
  if (unparsed) io.stderr(`reparse: ${unparsed}\n`);
}

/** The program: 0, or 1 with the failure said in one line on stderr. */
export const main = programMain('reparse', run);

runIfEntry(import.meta.url, main);
