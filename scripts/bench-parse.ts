// Parser benchmark: a large deterministic corpus of channel-style posts in Russian and
// English, parsed on one core. Run: npx tsx scripts/bench-parse.ts [posts]
import { performance } from 'node:perf_hooks';
import { generateCorpus, toRawPost } from '../lib/bench/corpus';
import { extract } from '../lib/ingest/extract';
import { parsePost } from '../lib/ingest/parse';

const N = Number(process.argv[2] ?? 60_000);
if (!Number.isInteger(N) || N < 1) {
  console.error('bench-parse: [posts] takes a whole number ≥ 1');
  process.exit(2);
}
const SEED = 20230920;

// The shared synthetic corpus (npm run gen), in memory: only the parse is timed.
const posts = Array.from(generateCorpus({ posts: N, seed: SEED }), (p, i) => toRawPost(p, i));
const bytes = posts.reduce((s, p) => s + Buffer.byteLength(p.text, 'utf8'), 0);

// Warm up the JIT, then time the parse alone and the full extract (parse + merge).
for (let i = 0; i < 2000; i++) parsePost(posts[i % posts.length]);
let events = 0;
const t0 = performance.now();
for (const p of posts) events += parsePost(p).events.length;
const parseMs = performance.now() - t0;
const t1 = performance.now();
const merged = extract(posts).events.length;
const extractMs = performance.now() - t1;

const fmt = (n: number, d = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const report = [
  `corpus     ${fmt(N)} posts, ${fmt(bytes / 1e6, 1)} MB of text (avg ${fmt(bytes / N)} bytes), seed ${SEED}`,
  `parsePost  ${fmt(parseMs)} ms  ${fmt(N / (parseMs / 1000))} posts/s  ${fmt(bytes / 1e6 / (parseMs / 1000), 2)} MB/s  (${fmt(events)} events)`,
  `extract    ${fmt(extractMs)} ms  ${fmt(N / (extractMs / 1000))} posts/s  (${fmt(merged)} events after merging)`,
  `target     10,000 posts/s: ${N / (parseMs / 1000) >= 10_000 ? 'met' : 'MISSED'}`,
];
process.stdout.write(report.join('\n') + '\n');
