// npm run weekly -- --week 2023-W38 [--out FILE.png] [--size wide|square] [--filters "country=VE&type=phone_call"]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { configFromEnv, createDb, migrateToLatest } from '@/db';
import { latestWeek } from '@/db/queries/weekly';
import { parseFilters } from '@/lib/domain/filters';
import { CARD_SIZES, renderWeeklyPng, type CardSize } from '@/lib/weekly/card';
import { loadWeekly } from '@/lib/weekly/load';
import { parseWeek } from '@/lib/domain/calendar';
import { programMain, runIfEntry, type Io } from './io';

async function run(argv: string[], io: Io): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { week: { type: 'string' }, out: { type: 'string' }, size: { type: 'string', default: 'wide' }, filters: { type: 'string', default: '' } },
  });
  const size = values.size as CardSize;
  if (!(size in CARD_SIZES)) throw new Error(`--size must be wide or square (got "${values.size}")`);
  const parsed = parseFilters(new URLSearchParams(values.filters));
  if (!parsed.ok) {
    const i = parsed.error.issues[0]!;
    throw new Error(`--filters: ${i.path.join('.')}: ${i.message}`);
  }
  const db = await createDb(configFromEnv(io.env));
  try {
    await migrateToLatest(db);
    const week = values.week ? parseWeek(values.week) : await latestWeek(db, parsed.filters);
    if (!week) throw new Error(values.week ? `--week: "${values.week}" is not an ISO week like 2023-W38` : 'no events to summarise');
    const { summary, ctx } = await loadWeekly(db, parsed.filters, week);
    const png = await renderWeeklyPng(summary, ctx, size);
    const out = values.out ?? `weekly-${week.code}.png`;
    fs.writeFileSync(out, png);
    io.stdout(`${out}: week ${week.code}, ${summary.current.contacts} contacts, ${png.length} bytes\n`);
  } finally {
    await db.destroy();
  }
}

/** The program: 0, or 1 with the failure said in one line on stderr. */
export const main = programMain('weekly', run);

runIfEntry(import.meta.url, main);
