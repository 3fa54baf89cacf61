// Floors: per gold file, the scores the parser must not fall below (data/eval/floors.json), in
// percentage points. They ratchet: `npm run eval -- --update-floors` records what the parser
// reaches now, rounded down, and scripts/eval.test.ts fails when a change loses ground.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVAL_DIR, EvalError } from './gold';
import type { Scores } from './score';

export const FLOORS_PATH = join(EVAL_DIR, 'floors.json');

export const FLOOR_METRICS = {
  contact_f1: { label: 'contact F1', of: (s: Scores) => s.contact.f1 },
  contact_precision: { label: 'contact precision', of: (s: Scores) => s.contact.p },
  contact_recall: { label: 'contact recall', of: (s: Scores) => s.contact.r },
  country_f1: { label: 'country F1', of: (s: Scores) => s.countries.f1 },
} as const;
export type FloorMetric = keyof typeof FLOOR_METRICS;
export type FileFloors = Partial<Record<FloorMetric, number>>;
/** Gold file base name → its floors. */
export type Floors = Record<string, FileFloors>;

const METRICS = Object.keys(FLOOR_METRICS) as FloorMetric[];

export function readFloors(path: string = FLOORS_PATH): Floors {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new EvalError(`floors.json: unreadable (${(e as Error).message.split('\n')[0]})`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new EvalError('floors.json: not an object of gold files');
  const out: Floors = {};
  for (const [file, v] of Object.entries(data)) {
    if (!v || typeof v !== 'object') continue;
    const f: FileFloors = {};
    for (const m of METRICS) {
      const x: unknown = (v as Record<string, unknown>)[m];
      if (typeof x === 'number') f[m] = x;
    }
    out[file] = f;
  }
  return out;
}

/**
 * Down to the 0.1 point below, so the floor is never above the score it records. The product is
 * rounded to 1e-6 first: 0.95 * 1000 is 949.9999999999999 in floating point, and must give 95.0.
 */
export const roundDown = (x: number): number => Math.floor(Math.round(x * 1e9) / 1e6) / 10;

export function floorsOf(s: Scores): FileFloors {
  return Object.fromEntries(METRICS.map((m) => [m, roundDown(FLOOR_METRICS[m].of(s))]));
}

/** One line per metric below its floor, naming the file, the metric, the score and the floor. */
export function belowFloors(name: string, s: Scores, floors: Floors): string[] {
  const f = floors[name] ?? {};
  return METRICS.flatMap((m) => {
    const floor = f[m];
    const score = 100 * FLOOR_METRICS[m].of(s);
    // The score is compared unrounded; a hair of tolerance for the floor's own decimal.
    return floor !== undefined && score < floor - 1e-9 ? [`${name}: ${FLOOR_METRICS[m].label} ${score.toFixed(2)} is below its floor ${floor.toFixed(1)}`] : [];
  });
}

/** Records the given files' current scores as their floors; other files keep theirs. */
export function updateFloors(scores: { name: string; scores: Scores }[], path: string = FLOORS_PATH): Floors {
  const floors = readFloors(path);
  for (const { name, scores: s } of scores) floors[name] = floorsOf(s);
  const sorted = Object.fromEntries(Object.entries(floors).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(path, `${JSON.stringify(sorted, null, 2)}\n`);
  return sorted;
}
