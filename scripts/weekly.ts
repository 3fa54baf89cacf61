// npm run weekly -- --week 2023-W38 [--out FILE.png] [--size wide|square] [--filters "country=VE&type=phone_call"]
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { configFromEnv, createDb, migrateToLatest } from '@/db';
import { latestWeek } from '@/db/queries/weekly';
import { parseFilters } from '@/lib/filters';
import { CARD_SIZES, renderWeeklyPng, type CardSize } from '@/lib/weekly/card';
import { loadWeekly } from '@/lib/weekly/load';
import { parseWeek } from '@/lib/week';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { week: { type: 'string' }, out: { type: 'string' }, size: { type: 'string', default: 'wide' }, filters: { type: 'string', default: '' } },
  });
  const size = values.size as CardSize;
  if (!(size in CARD_SIZES)) throw new Error(`--size must be wide or square (got "${values.size}")`);
  const parsed = parseFilters(new URLSearchParams(values.filters));
  if (!parsed.ok) {
    const i = parsed.error.issues[0];
    throw new Error(`--filters: ${i.path.join('.')}: ${i.message}`);
  }
  const db = await createDb(configFromEnv());
  try {
    await migrateToLatest(db);
    const week = values.week ? parseWeek(values.week) : await latestWeek(db, parsed.filters);
    if (!week) throw new Error(values.week ? `--week: "${values.week}" is not an ISO week like 2023-W38` : 'no events to summarise');
    const { summary, ctx } = await loadWeekly(db, parsed.filters, week);
    const png = await renderWeeklyPng(summary, ctx, size);
    const out = values.out ?? `weekly-${week.code}.png`;
    fs.writeFileSync(out, png);
    console.log(`${out}: week ${week.code}, ${summary.current.contacts} contacts, ${png.length} bytes`);
  } finally {
    await db.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`weekly: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
