// Parser benchmark: a large deterministic corpus of channel-style posts in Russian and
// English, then the real posts the gold files of data/eval label, each parsed on one core.
// Run: npx tsx scripts/bench-parse.ts [posts] [real posts]
import { performance } from 'node:perf_hooks';
import { generateCorpus, toRawPost } from './bench/corpus';
import { extract } from '../lib/ingest/extract';
import { parsePost } from '../lib/ingest/parse';
import { readPostsFromFile } from '../lib/ingest/read';
import type { RawPost } from '../lib/ingest/types';
import { findGoldFiles, loadGold } from './eval/gold';

const TARGET = 15_000;

function count(arg: string | undefined, fallback: number, what: string): number {
  const n = Number(arg ?? fallback);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`bench-parse: [${what}] takes a whole number ≥ 1`);
    process.exit(2);
  }
  return n;
}

const N = count(process.argv[2], 60_000, 'posts');
const REAL_N = count(process.argv[3], 20_000, 'real posts');
const SEED = 20230920;

const bytesOf = (posts: readonly RawPost[]): number => posts.reduce((s, p) => s + Buffer.byteLength(p.text ?? '', 'utf8'), 0);

/** Posts per second over a set, after a warm-up of the JIT on it; only the parse is timed. */
function timeParse(posts: readonly RawPost[]): { ms: number; events: number } {
  for (let i = 0; i < 2000; i++) parsePost(posts[i % posts.length]!);
  let events = 0;
  const t0 = performance.now();
  for (const p of posts) events += parsePost(p).events.length;
  return { ms: performance.now() - t0, events };
}

async function realPosts(): Promise<RawPost[]> {
  const one: RawPost[] = [];
  for (const gold of findGoldFiles()) one.push(...(await readPostsFromFile(loadGold(gold).sourcePath)));
  // Repeated to a set as large as asked for: a few hundred posts time too briefly to read.
  return Array.from({ length: Math.max(one.length, REAL_N) }, (_, i) => one[i % one.length]!);
}

async function main(): Promise<void> {
  // The shared synthetic corpus (npm run gen), in memory.
  const posts = Array.from(generateCorpus({ posts: N, seed: SEED }), (p, i) => toRawPost(p, i));
  const bytes = bytesOf(posts);
  const synth = timeParse(posts);
  const t1 = performance.now();
  const merged = extract(posts).events.length;
  const extractMs = performance.now() - t1;

  // Real posts are what users ingest: longer, with the emoji, quotes and digests of live channels.
  const real = await realPosts();
  const realBytes = bytesOf(real);
  const realRun = timeParse(real);

  const fmt = (n: number, d = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const rate = (n: number, ms: number): number => n / (ms / 1000);
  const synthRate = rate(N, synth.ms);
  const realRate = rate(real.length, realRun.ms);
  const report = [
    `corpus     ${fmt(N)} posts, ${fmt(bytes / 1e6, 1)} MB of text (avg ${fmt(bytes / N)} bytes), seed ${SEED}`,
    `parsePost  ${fmt(synth.ms)} ms  ${fmt(synthRate)} posts/s  ${fmt(bytes / 1e6 / (synth.ms / 1000), 2)} MB/s  (${fmt(synth.events)} events)`,
    `extract    ${fmt(extractMs)} ms  ${fmt(rate(N, extractMs))} posts/s  (${fmt(merged)} events after merging)`,
    `real       ${fmt(real.length)} real posts (the sources of data/eval, repeated), ${fmt(realBytes / 1e6, 1)} MB (avg ${fmt(realBytes / real.length)} bytes)`,
    `parsePost  ${fmt(realRun.ms)} ms  ${fmt(realRate)} posts/s  ${fmt(realBytes / 1e6 / (realRun.ms / 1000), 2)} MB/s  (${fmt(realRun.events)} events)`,
    `target     ${fmt(TARGET)} posts/s: synthetic ${synthRate >= TARGET ? 'met' : 'MISSED'}, real ${realRate >= TARGET ? 'met' : 'MISSED'}`,
  ];
  process.stdout.write(report.join('\n') + '\n');
}

void main();
