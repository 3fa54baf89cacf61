// One gold file end to end: read its posts, run the parser in-process, score, and trace every
// false positive and miss back to its posts, so that a wrong count can be explained in one look.
import { basename } from 'node:path';
import { extract, postKey, toScorerJson, type ExtractedEvent, type ExtractResult } from '@/lib/ingest/extract';
import { InputError, readPostsFromFile } from '@/lib/ingest/read';
import type { Evidence, RawPost } from '@/lib/ingest/types';
import { EvalError, type Gold, type GoldEvent } from './gold';
import { normalise, score, type Matching, type NormEvent } from './score';

const SNIPPET = 160;

/** Item i of a list whose indexes come from the same run (posts, events), so always in range. */
function itemAt<T>(xs: readonly T[], i: number, what: string): T {
  const x = xs[i];
  if (x === undefined) throw new RangeError(`no ${what} ${i}`);
  return x;
}

/**
 * Finds the posts that gold ids name. Predicted events name posts by postKey ("channel/id"),
 * and corpus ids already carry their channel ("MFARussia/27748" in channel "MFARussia" gives
 * the key "MFARussia/MFARussia/27748"), so an id is also matched by its suffix: the lookup keeps
 * working whichever way the readers come to spell ids.
 */
export class PostIndex {
  private readonly byKey = new Map<string, number>();
  private readonly byExternal = new Map<string, number>();
  private readonly labels = new Map<number, string>();

  constructor(
    readonly posts: RawPost[],
    readonly source: string,
    goldIds: Iterable<string> = [],
  ) {
    posts.forEach((p, i) => {
      this.byKey.set(postKey(p, source), i);
      if (p.externalId !== null && !this.byExternal.has(p.externalId)) this.byExternal.set(p.externalId, i);
    });
    // A post is shown by the id the gold file uses for it, so the trace can be searched for.
    for (const id of goldIds) {
      const i = this.resolve(id);
      if (i !== undefined && !this.labels.has(i)) this.labels.set(i, id);
    }
  }

  /** The post a gold id or a predicted post key names, if it is in the file. */
  resolve(id: string): number | undefined {
    const exact = this.byKey.get(id) ?? this.byExternal.get(id);
    if (exact !== undefined) return exact;
    const i = this.posts.findIndex((p) => {
      const key = postKey(p, this.source);
      return key.endsWith(`/${id}`) || id.endsWith(`/${key}`) || (p.externalId !== null && id.endsWith(`/${p.externalId}`));
    });
    return i < 0 ? undefined : i;
  }

  /** Post i of the file; i is one resolve gave or counts over the posts. */
  post(i: number): RawPost {
    return itemAt(this.posts, i, 'post');
  }

  label(i: number): string {
    const label = this.labels.get(i);
    if (label !== undefined) return label;
    const p = this.post(i);
    return p.externalId?.includes('/') ? p.externalId : postKey(p, this.source);
  }
}

export interface Trace {
  kind: 'false positive' | 'missed' | 'missed other';
  /** The ids of the event's posts, as the gold file spells them when it names them. */
  posts: string[];
  /** Compact lines: a headline, then the why. */
  lines: string[];
}

export interface Evaluation {
  gold: Gold;
  posts: number;
  events: number;
  matching: Matching;
  traces: Trace[];
  /** Posts the parser threw on (kept without events): each one can hide events. */
  failures: { post: string; message: string }[];
  /** The predictions exactly as score.mjs would read them from `ingest --dry-run --json`. */
  predicted: ReturnType<typeof toScorerJson>;
}

const flat = (s: string, n = SNIPPET): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n)}…` : t;
};
const counterparts = (e: NormEvent): string => [...e.countries, ...e.orgs.map((o) => `@${o}`)].join(',') || '(none)';
const why = (x: Evidence | undefined): string => (x ? `"${flat(x.phrase, 60)}" (${x.rule ?? 'rule ?'})` : '(no evidence)');

/** The phrase and rule that gave the event its type. */
function trigger(e: ExtractedEvent): string {
  return why(e.evidence.find((x) => x.field === 'type' && x.value === e.type) ?? e.evidence.find((x) => x.field === 'type'));
}

/** The phrase and rule behind each counterpart. */
function counterpartEvidence(e: ExtractedEvent): string {
  const find = (field: Evidence['field'], code: string) => e.evidence.find((x) => x.field === field && x.value === code);
  const parts = [
    ...e.countries.filter((c) => c.role === 'counterpart').map((c) => `${c.code} ${why(find('country', c.code))}`),
    ...e.organizations.filter((o) => o.role === 'counterpart').map((o) => `@${o.code} ${why(find('organization', o.code))}`),
  ];
  return parts.length ? parts.join('; ') : 'no counterparts';
}

export function traceMatching(matching: Matching, gold: Gold, result: Pick<ExtractResult, 'events'>, predictedNorm: NormEvent[], index: PostIndex): Trace[] {
  const postsOf = (e: ExtractedEvent): number[] => [...new Set(e.postKeys.map((k) => index.resolve(k)).filter((i) => i !== undefined))];
  // Which predicted events each post gave, to say what the parser made of a missed event's posts.
  const eventsOfPost = new Map<number, number[]>();
  result.events.forEach((e, n) => {
    for (const i of postsOf(e)) eventsOfPost.set(i, [...(eventsOfPost.get(i) ?? []), n]);
  });
  const compact = index.posts.map((p) => p.text.replace(/\s+/g, ' '));

  const fp = matching.falsePositives.map((p): Trace => {
    const e = itemAt(result.events, p.index, 'predicted event');
    const ids = postsOf(e).map((i) => index.label(i));
    const lines = [`FP   ${ids.join(' ') || '(no post)'}  ${p.date} ${p.type} ${counterparts(p)}`, `     type ${trigger(e)}; ${counterpartEvidence(e)}`];
    for (const id of ids) {
      if (gold.hardNegatives.has(id)) lines.push(`     hard negative ${id}: ${flat(gold.hardNegatives.get(id) ?? '(no note)')}`);
    }
    return { kind: 'false positive', posts: ids, lines };
  });

  const miss = (kind: 'missed' | 'missed other', g: NormEvent): Trace => {
    const ge: GoldEvent = itemAt(gold.events, g.index, 'gold event');
    let found = ge.posts.map((id) => ({ id, i: index.resolve(id) }));
    let how = '';
    if (!found.length) {
      // Labels without post ids (the bundled sample): the posts that contain an evidence phrase.
      const phrases = ge.evidence.map((x) => x.replace(/\s+/g, ' ').trim()).filter((x) => x.length > 8);
      found = compact.flatMap((t, i) => (phrases.some((x) => t.includes(x)) ? [{ id: index.label(i), i }] : []));
      how = ' (found by evidence)';
    }
    const ids = found.map((f) => f.id);
    const lines = [
      `MISS ${ids.join(' ') || '(no post found)'}${how}  ${g.date} ${g.type}${kind === 'missed' ? ` ${counterparts(g)}` : ' (other event)'}`,
    ];
    if (ge.note) lines.push(`     note: ${flat(ge.note)}`);
    for (const { id, i } of found.slice(0, 3)) lines.push(`     post ${id}: ${i === undefined ? '(not in the source file)' : flat(index.post(i).text)}`);
    const made = [...new Set(found.flatMap(({ i }) => (i === undefined ? [] : (eventsOfPost.get(i) ?? []))))];
    if (!found.length) lines.push('     parser: (no post to look at)');
    else if (!made.length) lines.push('     parser: no events from these posts');
    for (const n of made) {
      const p = itemAt(predictedNorm, n, 'predicted event');
      lines.push(`     parser: ${p.date} ${p.type} ${counterparts(p)}  type ${trigger(itemAt(result.events, n, 'predicted event'))}`);
    }
    return { kind, posts: ids, lines };
  };

  return [...fp, ...matching.missed.map((g) => miss('missed', g)), ...matching.missedOther.map((g) => miss('missed other', g))];
}

/** Reads the gold file's posts, runs the parser as `ingest --dry-run --json` does, and scores. */
export async function evaluate(gold: Gold): Promise<Evaluation> {
  let posts: RawPost[];
  try {
    posts = await readPostsFromFile(gold.sourcePath);
  } catch (e) {
    if (e instanceof InputError) throw new EvalError(`${gold.name}: its source ${e.message.replace(gold.sourcePath, basename(gold.sourcePath))}`);
    throw e;
  }
  // Plain-text posts have no ids; they are named "<file>#<seq>" as ingest names them.
  const source = basename(gold.sourcePath);
  const result = extract(posts, { source });
  const predicted = toScorerJson(result);
  const matching = score(predicted.events, gold.events);
  const ids = [...gold.events.flatMap((e) => e.posts), ...gold.hardNegatives.keys()];
  const index = new PostIndex(posts, source, ids);
  const norm = predicted.events.map(normalise);
  const failures = parseFailures(result).map((f) => {
    const i = index.resolve(f.post);
    return { post: i === undefined ? f.post : index.label(i), message: f.message };
  });
  return { gold, posts: posts.length, events: result.events.length, matching, traces: traceMatching(matching, gold, result, norm, index), failures, predicted };
}

/** The parser's failures, read without relying on the field: older parsers do not report them. */
function parseFailures(result: ExtractResult): { post: string; message: string }[] {
  if (!('errors' in result) || !Array.isArray(result.errors)) return [];
  const list: unknown[] = result.errors;
  return list.flatMap((x) => {
    if (!x || typeof x !== 'object') return [];
    const { post, message } = x as Record<string, unknown>;
    return typeof post === 'string' ? [{ post, message: typeof message === 'string' ? message : String(message) }] : [];
  });
}
