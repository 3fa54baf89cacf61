// npm run ingest -- FILE... [--format telegram|jsonl|text] [--channel NAME] [--year YYYY] [--dry-run] [--json]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readPostsFromFile, streamPostsFromFile } from '@/lib/ingest/read';
import { INPUT_FORMATS, type InputFormat, type RawPost } from '@/lib/ingest/types';

const USAGE =
  'usage: npm run ingest -- FILE... [--format telegram|jsonl|text] [--channel NAME] [--year YYYY] [--dry-run] [--json]';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      channel: { type: 'string' },
      year: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!positionals.length) throw new UsageError(`no input file given; ${USAGE}`);
  if (values.format && !(INPUT_FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(`--format must be one of ${INPUT_FORMATS.join(', ')} (got "${values.format}")`);
  }
  const format = values.format as InputFormat | undefined;
  let year: number | undefined;
  if (values.year !== undefined) {
    year = Number(values.year);
    if (!/^\d{4}$/.test(values.year) || year < 1990 || year > 2100) {
      throw new UsageError(`--year must be a year from 1990 to 2100 (got "${values.year}")`);
    }
  }

  if (values['dry-run']) {
    const [{ extract, toScorerJson }, { unparsedLine }] = await Promise.all([import('@/lib/ingest/extract'), import('@/lib/load/failures')]);
    const posts: RawPost[] = [];
    for (const file of positionals) posts.push(...(await readPostsFromFile(file, { format, channel: values.channel })));
    const result = extract(posts, { year, source: positionals.length === 1 ? path.basename(positionals[0]) : undefined });
    if (values.json) {
      process.stdout.write(`${JSON.stringify(toScorerJson(result), null, 1)}\n`);
    } else {
      console.log(`${result.posts} posts, ${result.events.length} events (dry run: nothing written)`);
    }
    // On stderr, so that the JSON on stdout stays JSON; its "errors" lists every one of them.
    warnUnparsed(unparsedLine(result.errors.length, result.errors.map((e) => e.post), 'no events from them'));
    return 0;
  }

  // Files are read as streams into one transaction: a bad file anywhere stops the whole run
  // and nothing of it is written.
  async function* read() {
    for (const file of positionals) yield* streamPostsFromFile(file, { format, channel: values.channel });
  }
  // The first batch is read before the database, its driver and the parser are even loaded, so
  // that a wrong or broken file is reported at once, not after waiting for another run's lock.
  const input = read();
  const first = await input.next();
  async function* batches() {
    if (first.done) return;
    yield first.value;
    yield* input;
  }
  const [{ configFromEnv, createDb, describeConfig, migrateToLatest }, { storeBatches, vacuumAfter }, { progressReporter }, { startParseThread }, { unparsedLine }] = await Promise.all([
    import('@/db'),
    import('@/lib/load/store'),
    import('@/lib/load/progress'),
    import('@/lib/load/parse-thread'),
    import('@/lib/load/failures'),
  ]);
  const config = configFromEnv();
  const db = await createDb(config);
  // Posts are parsed in a thread of their own while this one writes to the database.
  const parser = startParseThread();
  try {
    await migrateToLatest(db);
    const summary = await storeBatches(db, batches(), { channel: values.channel, year, onProgress: progressReporter(), prepare: parser.prepare });
    await vacuumAfter(db, summary);
    if (values.json) {
      console.log(JSON.stringify(summary));
    } else {
      console.log(
        [
          `into ${describeConfig(config)}:`,
          `  posts read        ${summary.postsRead}`,
          `  new               ${summary.postsNew}`,
          `  already stored    ${summary.postsExisting}`,
          `  events created    ${summary.eventsCreated}`,
          `  reports merged    ${summary.eventsMerged}`,
          `  posts, no event   ${summary.postsNoEvent}`,
          `  posts failed      ${summary.postsFailed}`,
        ].join('\n'),
      );
    }
    warnUnparsed(unparsedLine(summary.postsFailed, summary.failures.map((f) => f.post)));
    return 0;
  } finally {
    await parser.close();
    await db.destroy();
  }
}

class UsageError extends Error {}

/** The run succeeded, but posts the parser failed on are named, not only counted. */
function warnUnparsed(line: string | null): void {
  if (line) console.error(`ingest: ${line}`);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`ingest: ${message.split('\n')[0]}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
