// npm run reparse [-- --year YYYY]: rebuilds every event from the stored posts with today's parser
// and taxonomy, without the source files. One transaction: all or nothing. An event found again
// keeps its id, so /events/ID links survive (lib/load/event-ids.ts).
import { parseArgs } from 'node:util';
import { configFromEnv, createDb, describeConfig, migrateToLatest } from '@/db';
import { unparsedLine } from '@/lib/load/failures';
import { progressReporter } from '@/lib/load/progress';
import { reparseAll } from '@/lib/load/store';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { year: { type: 'string' } } });
  const year = values.year ? Number(values.year) : undefined;
  if (year !== undefined && !(year >= 1990 && year <= 2100)) throw new Error(`--year must be a year (got "${values.year}")`);
  const config = configFromEnv();
  const db = await createDb(config);
  try {
    await migrateToLatest(db);
    const s = await reparseAll(db, { year, onProgress: progressReporter() });
    console.log(
      `${describeConfig(config)}: ${s.postsRead} posts reparsed, ${s.eventsCreated} events (${s.eventsKept} kept their ids, ${s.eventsRetired} removed: their links answer 410), ${s.postsNoEvent} posts with no event, ${s.postsFailed} failed`,
    );
    // A parser that now fails on posts it used to read must be seen, not only counted.
    const unparsed = unparsedLine(s.postsFailed, s.failures.map((f) => f.post));
    if (unparsed) console.error(`reparse: ${unparsed}`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`reparse: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
