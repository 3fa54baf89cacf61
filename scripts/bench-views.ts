// npm run bench:views -- --database URL [--runs 5]: the dashboard's reads of one loaded database,
// view by view, run directly (no HTTP): the median of `runs` runs of each after one warm-up, in
// ms. It shows which views the rollup answers and which are counted from the events.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createDb } from '@/db';
import { eventsPage } from '@/db/queries/events';
import { countryTopicMatrix, countsByCountry, countsByTopic, headline, overTime } from '@/db/queries/stats';
import { fmtMs } from '@/scripts/bench/stats';
import { EMPTY_FILTERS, parseFilters } from '@/lib/domain/filters';

const { values } = parseArgs({ options: { database: { type: 'string' }, runs: { type: 'string', default: '5' } } });
if (!values.database) {
  console.error('bench:views: --database URL is required');
  process.exit(2);
}
const runs = Number(values.runs);

const db = await createDb({ url: values.database });
try {
  const [country] = await countsByCountry(db, EMPTY_FILTERS, 1);
  const [topic] = await countsByTopic(db, EMPTY_FILTERS, 1);
  const last = await db.selectFrom('events').select((eb) => eb.fn.max('date').as('d')).executeTakeFirstOrThrow();
  const year = Number(String(last.d ?? '2023').slice(0, 4)) - 1;
  const views: [string, string][] = [
    ['all time', ''],
    ['one year', `from=${year}-01-01&to=${year}-12-31`],
    [`one country (${country?.code})`, `country=${country?.code}`],
    [`one topic (${topic?.code})`, `topic=${topic?.code}`],
    ['two types', 'type=meeting,speech'],
    ['topic, two types, a year', `topic=${topic?.code}&type=meeting,speech&from=${year}-01-01&to=${year}-12-31`],
    ['country + topic + from', `country=${country?.code}&topic=${topic?.code}&from=${year}-01-01`],
    ['part-months at both ends', `from=${year}-02-10&to=${year + 1}-05-20`],
  ];
  const reads: [string, (q: string) => Promise<unknown>][] = [
    ['headline', (q) => headline(db, filters(q))],
    ['countries', (q) => countsByCountry(db, filters(q))],
    ['topics', (q) => countsByTopic(db, filters(q))],
    ['over time', (q) => overTime(db, filters(q))],
    ['matrix', (q) => countryTopicMatrix(db, filters(q))],
    ['timeline', (q) => eventsPage(db, filters(q), null, 30)],
    ['full text', (q) => eventsPage(db, { ...filters(q), q: 'energy' }, null, 30)],
  ];
  console.log(`| view | ${reads.map(([name]) => name).join(' | ')} |`);
  console.log(`|---|${reads.map(() => '---:').join('|')}|`);
  for (const [label, q] of views) {
    const cells: string[] = [];
    for (const [, read] of reads) {
      await read(q);
      const xs: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await read(q);
        xs.push(performance.now() - t0);
      }
      xs.sort((a, b) => a - b);
      cells.push(fmtMs(xs[Math.floor(xs.length / 2)] ?? NaN));
    }
    console.log(`| ${label} | ${cells.join(' | ')} |`);
  }
} finally {
  await db.destroy();
}

function filters(q: string) {
  const r = parseFilters(new URLSearchParams(q));
  if (!r.ok) throw new Error(`bad filter ${q}: ${r.error.message}`);
  return r.filters;
}
