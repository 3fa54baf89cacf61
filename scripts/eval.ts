// npm run eval -- [GOLD.json...] [--quiet] [--json] [--update-floors]
//
// Scores the parser on every gold file of data/eval (or the ones given): each file's posts go
// through the parser in-process, and the events are matched as data/eval/score.mjs matches them.
// Each false positive and each miss is traced back to its posts and to the phrase and rule that
// decided it. Exits 1 when a file is below its floor (data/eval/floors.json), 2 on bad input.
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { evaluate, type Evaluation } from './eval/evaluate';
import { belowFloors, readFloors, updateFloors, type Floors } from './eval/floors';
import { EvalError, findGoldFiles, loadGold } from './eval/gold';
import { pct, type Counted } from './eval/score';

const USAGE = 'usage: npm run eval -- [GOLD.json...] [--quiet] [--json] [--update-floors]';

export interface Io {
  log: (line: string) => void;
  error: (line: string) => void;
}

export interface MainOptions {
  /** Where floors are read and written; data/eval/floors.json by default. */
  floorsPath?: string;
}

const prfLine = (c: Counted): string => `P ${pct(c.p).padStart(5)}  R ${pct(c.r).padStart(5)}  F1 ${pct(c.f1).padStart(5)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;

function report(ev: Evaluation, below: string[], quiet: boolean, io: Io): void {
  const s = ev.matching.scores;
  io.log(`${ev.gold.name}: ${ev.posts} posts of ${basename(ev.gold.sourcePath)}, ${ev.events} events predicted`);
  io.log(`  contact events   ${prfLine(s.contact)}; gold ${s.gold.contact} (${s.gold.optional} optional), predicted ${s.predicted.contact}`);
  io.log(`  contact subtype  ${s.subtype.rate === null ? 'n/a' : `${pct(s.subtype.rate)}%`} of ${s.subtype.matched} matched`);
  io.log(`  countries        ${prfLine(s.countries)}`);
  io.log(`  organisations    ${prfLine(s.organizations)}`);
  io.log(`  other events     recall ${pct(s.other.r)} on (date, type)  (${s.other.tp} of ${s.other.tp + s.other.fn})`);
  io.log(`  topics           recall ${s.topics.rate === null ? 'n/a' : `${pct(s.topics.rate)}%`} on matched contact events (${s.topics.hit} of ${s.topics.all})`);
  if (ev.failures.length) {
    io.log(`  parse failures   ${ev.failures.length} posts: ${ev.failures.map((f) => f.post).join(' ')}`);
    if (!quiet) for (const f of ev.failures) io.log(`    ${f.post}: ${f.message.replace(/\s+/g, ' ').slice(0, 160)}`);
  }
  io.log(`  floors           ${below.length ? `BELOW: ${below.map((b) => b.slice(ev.gold.name.length + 2)).join('; ')}` : 'ok'}`);
  if (quiet) return;
  for (const kind of ['false positive', 'missed', 'missed other'] as const) {
    const traces = ev.traces.filter((t) => t.kind === kind);
    if (!traces.length) continue;
    io.log(`  ${kind === 'false positive' ? 'false positives' : kind} (${traces.length}):`);
    for (const t of traces) for (const line of t.lines) io.log(`    ${line}`);
  }
}

/** The command, with its output and exit code in the caller's hands (the tests call it). */
export async function main(argv: string[], io: Io = console, opts: MainOptions = {}): Promise<number> {
  let values: { quiet?: boolean; json?: boolean; 'update-floors'?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        quiet: { type: 'boolean' },
        json: { type: 'boolean' },
        'update-floors': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    io.error(`eval: ${(e as Error).message.split('\n')[0]}; ${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.log(USAGE);
    return 0;
  }
  try {
    const files = positionals.length ? positionals : findGoldFiles();
    if (!files.length) throw new EvalError('no gold files in data/eval');
    // Every gold file is checked before the parser runs, so a bad argument fails at once.
    const golds = files.map(loadGold);
    const evals: Evaluation[] = [];
    for (const gold of golds) evals.push(await evaluate(gold));

    let floors: Floors = readFloors(opts.floorsPath);
    if (values['update-floors']) floors = updateFloors(evals.map((e) => ({ name: e.gold.name, scores: e.matching.scores })), opts.floorsPath);
    const below = evals.map((e) => belowFloors(e.gold.name, e.matching.scores, floors));

    if (values.json) {
      const out = evals.map((e, i) => ({
        gold: e.gold.name,
        posts: e.posts,
        events: e.events,
        parseFailures: e.failures,
        scores: e.matching.scores,
        floors: floors[e.gold.name] ?? null,
        belowFloors: below[i],
      }));
      io.log(JSON.stringify(out, null, 1));
    } else {
      evals.forEach((e, i) => report(e, below[i]!, !!values.quiet, io));
      if (values['update-floors']) io.log(`floors updated for ${evals.map((e) => e.gold.name).join(', ')}`);
    }
    return below.some((b) => b.length) ? 1 : 0;
  } catch (e) {
    if (e instanceof EvalError) {
      io.error(`eval: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

// Run only as a command: the tests import main.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`eval: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(2);
    },
  );
}
