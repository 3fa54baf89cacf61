// The development scorer: every gold file stays at or above its floors, the numbers are those of
// data/eval/score.mjs, a false positive can be traced to its post, and bad arguments fail cleanly.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { extract, postKey, toScorerJson, type ExtractedEvent } from '@/lib/ingest/extract';
import { readPostsFromFile } from '@/lib/ingest/read';
import type { RawPost } from '@/lib/ingest/types';
import { main, type Io } from './eval';
import { evaluate, PostIndex, traceMatching, type Evaluation } from './eval/evaluate';
import { belowFloors, readFloors, roundDown, updateFloors } from './eval/floors';
import { EVAL_DIR, findGoldFiles, loadGold } from './eval/gold';
import { normalise, pct, score, scoreMjsLines, scoreMjsVerboseLines } from './eval/score';

const ROOT = join(__dirname, '..');
const GOLD = findGoldFiles();
const MFA = join(EVAL_DIR, 'dev-gold-mfarussia.json');

// The parser runs once per gold file for all the tests below.
const runs = new Map<string, Promise<Evaluation>>();
const run = (file: string): Promise<Evaluation> => {
  if (!runs.has(file)) runs.set(file, evaluate(loadGold(file)));
  return runs.get(file)!;
};

const tmp = () => mkdtempSync(join(tmpdir(), 'sidelines-eval-'));

function capture(): Io & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, log: (l) => out.push(l), error: (l) => err.push(l) };
}

test('data/eval holds the three gold files, each naming its source', () => {
  expect(GOLD.map((f) => basename(f))).toEqual(expect.arrayContaining(['sample-gold.json', 'dev-gold-mfarussia.json', 'dev-gold-kremlin-ru.json']));
});

describe.each(GOLD.map((f) => [basename(f), f]))('%s', (name, file) => {
  test('stays at or above its floors', async () => {
    const floors = readFloors();
    expect(floors[name], `${name}: no floors recorded in data/eval/floors.json (npm run eval -- --update-floors ${name})`).toBeDefined();
    const below = belowFloors(name, (await run(file)).matching.scores, floors);
    expect(below, below.join('\n')).toEqual([]);
  });

  test('scores exactly as score.mjs does on the same predictions', async () => {
    const ev = await run(file);
    const pred = join(tmp(), 'predicted.json');
    writeFileSync(pred, JSON.stringify(ev.predicted));
    const ref = spawnSync(process.execPath, [join(EVAL_DIR, 'score.mjs'), pred, file, '--verbose'], { encoding: 'utf8' });
    expect(ref.stderr).toBe('');
    const s = ev.matching.scores;
    const verdict = `OK: event F1 ${pct(s.contact.f1)}, country F1 ${pct(s.countries.f1)}`;
    expect(ref.stdout.trimEnd().split('\n')).toEqual([...scoreMjsLines(s), ...scoreMjsVerboseLines(ev.matching), verdict]);
  });
});

describe('traces', () => {
  test('a false positive on a hard negative names the post, its phrases and rules, and the note', async () => {
    const gold = loadGold(MFA);
    const id = 'MFARussia/27751';
    expect(gold.hardNegatives.get(id)).toMatch(/World Food Programme/);
    const posts = await readPostsFromFile(gold.sourcePath);
    const post = posts.find((p) => p.externalId === id || (p.externalId !== null && id.endsWith(`/${p.externalId}`)));
    expect(post).toBeDefined();
    // A meeting the parser might read into the anniversary post, with one rule id and one missing.
    const fake: ExtractedEvent = {
      date: '2025-12-19',
      type: 'meeting',
      countries: [{ code: 'ZW', role: 'counterpart' }],
      organizations: [{ code: 'UN', role: 'mentioned' }],
      people: [],
      principal: null,
      venue: null,
      title: '',
      summary: '',
      topics: [],
      evidence: [
        { field: 'type', value: 'meeting', phrase: 'established by', rule: 'en.trigger.meeting' },
        { field: 'country', value: 'ZW', phrase: 'Zimbabwe' },
      ],
      fromDigest: false,
      postKeys: [postKey(post!, basename(gold.sourcePath))],
    };
    const result = { ...extract([]), posts: posts.length, events: [fake] };
    const predicted = toScorerJson(result).events;
    const matching = score(predicted, gold.events);
    const index = new PostIndex(posts, basename(gold.sourcePath), gold.hardNegatives.keys());
    const fp = traceMatching(matching, gold, result, predicted.map(normalise), index).filter((t) => t.kind === 'false positive');
    expect(fp).toHaveLength(1);
    const [head, ...rest] = fp[0]!.lines;
    expect(head).toContain(id);
    expect(head).toContain('2025-12-19 meeting ZW');
    expect(rest.join('\n')).toContain('"established by" (en.trigger.meeting)');
    expect(rest.join('\n')).toContain('ZW "Zimbabwe" (rule ?)');
    expect(rest.join('\n')).toContain(`hard negative ${id}: anniversary of the World Food Programme`);
  });

  test('every false positive and miss of a real run names its posts', async () => {
    const ev = await run(MFA);
    const traced = ev.traces.filter((t) => t.kind !== 'missed other');
    expect(traced.length).toBeGreaterThan(0);
    for (const t of traced) {
      expect(t.posts.length, t.lines[0]).toBeGreaterThan(0);
      for (const id of t.posts) expect(t.lines[0]).toContain(id);
    }
  });

  test('gold ids find their posts however the reader spells the key', () => {
    const post = (channel: string, externalId: string, seq = 0): RawPost => ({ channel, externalId, postedAt: null, lang: 'en', text: 'x', url: null, seq });
    const cases: [RawPost, string][] = [
      [post('MFARussia', 'MFARussia/27748'), 'MFARussia/27748'],
      [post('MFARussia', '27748'), 'MFARussia/27748'],
      [post('KremlinRussia', 'kremlin.ru/76191'), 'kremlin.ru/76191'],
      [post('KremlinRussia', '76191'), 'kremlin.ru/76191'],
    ];
    for (const [p, id] of cases) {
      const index = new PostIndex([post('Other', '1', 0), { ...p, seq: 1 }], 'f.jsonl', [id]);
      expect(index.resolve(id), `${id} in ${postKey(p)}`).toBe(1);
      expect(index.resolve(postKey(p)), postKey(p)).toBe(1);
      expect(index.label(1)).toBe(id);
    }
    const sample = new PostIndex([{ ...post('', '', 0), channel: null, externalId: null }], 'mfa.txt');
    expect(sample.resolve('mfa.txt#0')).toBe(0);
    expect(sample.label(0)).toBe('mfa.txt#0');
  });

  test('a miss without post ids in the gold finds its posts by the evidence phrases', async () => {
    const gold = loadGold(join(EVAL_DIR, 'sample-gold.json'));
    const posts = await readPostsFromFile(gold.sourcePath);
    const result = extract(posts, { source: basename(gold.sourcePath) });
    // Nothing predicted: every gold contact event is a miss.
    const matching = score([], gold.events);
    const traces = traceMatching(matching, gold, { ...result, events: [] }, [], new PostIndex(posts, basename(gold.sourcePath)));
    const grossi = traces.find((t) => t.lines[0]?.includes('@IAEA'));
    expect(grossi?.lines[0]).toMatch(/mfa-2023-09-19-21\.txt#\d+.*\(found by evidence\)/);
    expect(grossi?.lines.join('\n')).toContain('parser: no events from these posts');
  });
});

describe('floors', () => {
  test('are the scores rounded down to 0.1 point', () => {
    expect(roundDown(0.95)).toBe(95);
    expect(roundDown(0.98765)).toBe(98.7);
    expect(roundDown(9 / 13)).toBe(69.2);
    expect(roundDown(1)).toBe(100);
    expect(roundDown(0)).toBe(0);
  });

  test('--update-floors writes them; a lower score is named with file, metric, score and floor', async () => {
    const path = join(tmp(), 'floors.json');
    writeFileSync(path, JSON.stringify({ 'other-gold.json': { contact_f1: 12.3 } }));
    const io = capture();
    const sample = join(EVAL_DIR, 'sample-gold.json');
    expect(await main([sample, '--quiet', '--update-floors'], io, { floorsPath: path })).toBe(0);
    const floors = readFloors(path);
    expect(floors['other-gold.json']).toEqual({ contact_f1: 12.3 });
    expect(floors['sample-gold.json']).toEqual(expect.objectContaining({ contact_f1: 100, country_f1: 100 }));

    writeFileSync(path, JSON.stringify({ 'sample-gold.json': { contact_f1: 100, country_f1: 100 } }));
    const s = (await run(sample)).matching.scores;
    const worse = { ...s, countries: { ...s.countries, f1: 0.5 } };
    expect(belowFloors('sample-gold.json', worse, readFloors(path))).toEqual(['sample-gold.json: country F1 50.00 is below its floor 100.0']);
    updateFloors([{ name: 'sample-gold.json', scores: worse }], path);
    expect(JSON.parse(readFileSync(path, 'utf8'))['sample-gold.json'].country_f1).toBe(50);
  });
});

describe('the command', () => {
  test('prints the scores per gold file, and --json the same numbers', async () => {
    const sample = join(EVAL_DIR, 'sample-gold.json');
    const text = capture();
    expect(await main([sample, '--quiet'], text)).toBe(0);
    expect(text.out[0]).toMatch(/^sample-gold\.json: 18 posts of mfa-2023-09-19-21\.txt/);
    expect(text.out.join('\n')).toMatch(/contact events +P 100\.0 +R 100\.0 +F1 100\.0/);
    expect(text.out.join('\n')).toMatch(/organisations .*\n.*other events .*\n.*topics .*\n.*floors +ok/);
    const json = capture();
    expect(await main([sample, '--json'], json)).toBe(0);
    const [row] = JSON.parse(json.out.join('\n')) as { gold: string; scores: { contact: { f1: number } } }[];
    expect(row?.gold).toBe('sample-gold.json');
    expect(row?.scores.contact.f1).toBe(1);
  });

  test('a missing gold file, a gold file without source or a bad flag is one line and exit 2', async () => {
    const dir = tmp();
    const noSource = join(dir, 'no-source.json');
    writeFileSync(noSource, JSON.stringify({ events: [] }));
    const badSource = join(dir, 'bad-source.json');
    writeFileSync(badSource, JSON.stringify({ source: 'nowhere.jsonl', events: [] }));
    for (const [args, message] of [
      [[join(dir, 'nope.json')], /nope\.json: no such file/],
      [[noSource], /no-source\.json: no "source" field/],
      [[badSource], /bad-source\.json: its source nowhere\.jsonl: no such file/],
      [['--frobnicate'], /Unknown option '--frobnicate'/],
    ] as const) {
      const io = capture();
      expect(await main([...args], io)).toBe(2);
      expect(io.out).toEqual([]);
      expect(io.err).toHaveLength(1);
      expect(io.err[0]).toMatch(message);
      expect(io.err[0]).toMatch(/^eval: /);
    }
  });

  test('run as a program, a bad argument exits non-zero with one line', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/eval.ts'), 'no-such-gold.json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual(['eval: no-such-gold.json: no such file']);
  });
});
