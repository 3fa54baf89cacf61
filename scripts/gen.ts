// npm run gen -- --posts 1000000 [--seed 1] [--from 2014-01-01] [--to 2023-12-31] [--out FILE.jsonl] [--truth]
//
// Writes a synthetic corpus (scripts/bench/corpus.ts) in the JSON Lines input format, one post a
// line, to FILE or to stdout. It streams: lines are written as they are made, waiting for the
// stream to drain, so a million posts take the memory of a few. --truth adds each post's
// intended event to its line (for tests; the ingest reader ignores unknown fields).
import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { generateCorpus, type CorpusOptions } from './bench/corpus';

function fail(message: string, code = 2): never {
  process.stderr.write(`gen: ${message}\n`);
  process.exit(code);
}

function readArgs(): { opts: CorpusOptions; out: string | null; truth: boolean } {
  const values = (() => {
    try {
      return parseArgs({
        options: {
          posts: { type: 'string' },
          seed: { type: 'string', default: '1' },
          from: { type: 'string' },
          to: { type: 'string' },
          out: { type: 'string' },
          truth: { type: 'boolean', default: false },
        },
        allowPositionals: false,
      }).values;
    } catch (e) {
      return fail((e as Error).message.split('\n')[0] ?? '');
    }
  })();
  const posts = Number(values.posts);
  if (values.posts === undefined || !/^\d+$/.test(values.posts) || !Number.isSafeInteger(posts) || posts < 1) {
    fail(`--posts takes a whole number ≥ 1${values.posts === undefined ? '' : `, not ${JSON.stringify(values.posts)}`}`);
  }
  const seed = Number(values.seed);
  if (!/^-?\d+$/.test(values.seed) || !Number.isSafeInteger(seed)) fail(`--seed takes a whole number, not ${JSON.stringify(values.seed)}`);
  for (const k of ['from', 'to'] as const) {
    if (values[k] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values[k])) fail(`--${k} takes a date YYYY-MM-DD, not ${JSON.stringify(values[k])}`);
  }
  const out = values.out ?? null;
  if (out !== null) {
    const dir = path.dirname(path.resolve(out));
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) fail(`--out: no directory ${dir}`);
  }
  return { opts: { posts, seed, from: values.from, to: values.to }, out, truth: values.truth };
}

async function main(): Promise<void> {
  const { opts, out, truth } = readArgs();
  // Bad dates surface when the generator starts; check them before a file is created.
  try {
    generateCorpus({ ...opts, posts: 0 }).next();
  } catch (e) {
    fail(`--${(e as Error).message}`);
  }
  const stream: NodeJS.WritableStream = out ? fs.createWriteStream(out) : process.stdout;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    // A reader that stops early (`| head`) is not an error.
    if (!out && e.code === 'EPIPE') process.exit(0);
    fail(`cannot write ${out ?? 'stdout'}: ${e.message}`, 1);
  });

  const t0 = performance.now();
  let bytes = 0;
  let chunk = '';
  for (const p of generateCorpus(opts)) {
    const row = truth
      ? { id: p.id, date: p.date, channel: p.channel, lang: p.lang, text: p.text, truth: p.truth }
      : { id: p.id, date: p.date, channel: p.channel, lang: p.lang, text: p.text };
    chunk += JSON.stringify(row) + '\n';
    // Lines go out in chunks of some 64 KB: a write per line costs more than making the line.
    if (chunk.length >= 65_536) {
      bytes += Buffer.byteLength(chunk);
      const more = stream.write(chunk);
      chunk = '';
      if (!more) await once(stream, 'drain');
    }
  }
  bytes += Buffer.byteLength(chunk);
  if (out) {
    (stream as fs.WriteStream).end(chunk);
    await once(stream, 'finish');
  } else if (chunk && !stream.write(chunk)) {
    await once(stream, 'drain');
  }
  const seconds = (performance.now() - t0) / 1000;
  const summary = `gen: ${opts.posts.toLocaleString('en-US')} posts, ${(bytes / 1e6).toFixed(1)} MB, ${seconds.toFixed(1)} s (${Math.round(opts.posts / seconds).toLocaleString('en-US')} posts/s)${out ? ` → ${out}` : ''}`;
  // With the corpus on stdout the summary goes to stderr, so that the output stays JSON Lines.
  if (out) console.log(summary);
  else process.stderr.write(summary + '\n');
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e), 1));
