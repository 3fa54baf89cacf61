// Gold files: hand-labelled events of one input file, which the "source" field names.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScorableEvent } from './score';

/** data/eval, wherever the command is run from. */
export const EVAL_DIR = fileURLToPath(new URL('../../data/eval/', import.meta.url));

/** A problem with the arguments or a gold file; the message is one line and names the file. */
export class EvalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalError';
  }
}

export interface GoldEvent extends ScorableEvent {
  /** Ids of the posts that report the event ("MFARussia/27763", "kremlin.ru/76191"). */
  posts: string[];
  note: string | null;
  /** Phrases of the posts that report the event: how a post is found when `posts` is absent. */
  evidence: string[];
}

export interface Gold {
  /** Base name: the key of data/eval/floors.json. */
  name: string;
  /** Absolute path of the input file the labels are of. */
  sourcePath: string;
  events: GoldEvent[];
  /** Posts with no contact event that a parser may take for one, with the labeller's reason. */
  hardNegatives: Map<string, string | null>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new EvalError(code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot read (${code ?? String(e)})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new EvalError(`${path}: not JSON (${(e as Error).message.split('\n')[0]})`);
  }
}

const isGold = (v: unknown): v is Record<string, unknown> & { events: unknown[] } => isRecord(v) && Array.isArray(v.events);

export function loadGold(path: string): Gold {
  const data = readJson(path);
  if (!isGold(data)) throw new EvalError(`${path}: not a gold file (no "events" list)`);
  if (typeof data.source !== 'string' || !data.source.trim()) {
    throw new EvalError(`${path}: no "source" field naming the posts it labels (a path relative to the gold file)`);
  }
  const notes = isRecord(data.hard_negative_notes) ? data.hard_negative_notes : {};
  const hardNegatives = new Map<string, string | null>();
  for (const id of strings(data.hard_negatives)) hardNegatives.set(id, typeof notes[id] === 'string' ? notes[id] : null);
  for (const [id, note] of Object.entries(notes)) if (!hardNegatives.has(id) && typeof note === 'string') hardNegatives.set(id, note);
  return {
    name: basename(path),
    sourcePath: resolve(dirname(path), data.source),
    events: data.events.filter(isRecord).map((e) => ({
      ...e,
      posts: strings(e.posts),
      note: typeof e.note === 'string' ? e.note : null,
      evidence: strings(e.evidence),
    })),
    hardNegatives,
  };
}

/** Every gold file of a folder: the JSON files that hold an "events" list, by name. */
export function findGoldFiles(dir: string = EVAL_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f))
    .filter((f) => isGold(readJson(f)));
}
