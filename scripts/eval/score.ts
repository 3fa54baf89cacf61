// The matching of data/eval/score.mjs, typed, so that `npm run eval` can say which event made a
// count without shelling out. The numbers must stay those of score.mjs: scripts/eval.test.ts runs
// both on the same predictions. Change score.mjs and this file together, or not at all.

const CONTACT = new Set(['meeting', 'phone_call', 'multilateral']);
const ORG_ALIASES: Record<string, string> = {
  ARAB_LEAGUE: 'LAS',
  LEAGUE_OF_ARAB_STATES: 'LAS',
  UNSC: 'UN',
  UNGA: 'UN',
  UNITED_NATIONS: 'UN',
  SHANGHAI_COOPERATION_ORGANISATION: 'SCO',
  EAEC: 'EAEU',
  EEU: 'EAEU',
  RED_CROSS: 'ICRC',
  INTERNATIONAL_COMMITTEE_OF_THE_RED_CROSS: 'ICRC',
  EUROPEAN_UNION: 'EU',
  GULF_COOPERATION_COUNCIL: 'GCC',
  ARAB_LEAGUE_LAS: 'LAS',
};

/** An event as either side writes it: the parser's scorer JSON or a gold entry. */
export interface ScorableEvent {
  date?: unknown;
  type?: unknown;
  countries?: unknown;
  organizations?: unknown;
  orgs?: unknown;
  topics?: unknown;
  optional?: unknown;
}

/** An event as score.mjs compares it; `index` points back to the input list for traces. */
export interface NormEvent {
  index: number;
  date: string | null;
  type: string;
  optional: boolean;
  countries: string[];
  orgs: string[];
  topics: string[];
}

export interface Prf {
  p: number;
  r: number;
  f1: number;
}

export interface Counted extends Prf {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores {
  gold: { contact: number; optional: number; other: number };
  predicted: { contact: number; other: number };
  contact: Counted;
  /** Matched contact events whose subtype agrees; null when nothing matched ("n/a"). */
  subtype: { ok: number; matched: number; rate: number | null };
  countries: Counted;
  /** Not in score.mjs: (date, organisation) pairs over contact events, counted like countries. */
  organizations: Counted;
  other: { tp: number; fn: number; r: number };
  topics: { hit: number; all: number; rate: number | null };
}

export interface Matching {
  scores: Scores;
  /** Predicted contact events that matched no gold event, in predicted order. */
  falsePositives: NormEvent[];
  /** Scored (non-optional) gold contact events no prediction matched. */
  missed: NormEvent[];
  /** Scored gold non-contact dated events with no prediction of that (date, type). */
  missedOther: NormEvent[];
}

const list = (xs: unknown): unknown[] => (Array.isArray(xs) ? xs : []);
const up = (xs: unknown): string[] => [...new Set(list(xs).map((x) => String(x).trim().toUpperCase()))];

export function normalise(e: ScorableEvent, index: number): NormEvent {
  const orgs = up(e.organizations ?? e.orgs).map((o) => ORG_ALIASES[o.replace(/[\s-]+/g, '_')] ?? o);
  return {
    index,
    date: typeof e.date === 'string' ? e.date.slice(0, 10) : null,
    type: String(e.type ?? 'other').toLowerCase(),
    optional: !!e.optional,
    countries: up(e.countries).sort(),
    orgs: [...new Set(orgs)].sort(),
    topics: list(e.topics).map((t) => String(t).toLowerCase()),
  };
}

/** The identity of a contact event: its day and its counterparts ("2025-12-19|@ECOWAS"). */
export const keyOf = (e: NormEvent): string => `${e.date}|${[...e.countries, ...e.orgs.map((o) => '@' + o)].join(',')}`;

export function prf(tp: number, fp: number, fn: number): Prf {
  const p = tp + fp ? tp / (tp + fp) : 1;
  const r = tp + fn ? tp / (tp + fn) : 1;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

const counted = (tp: number, fp: number, fn: number): Counted => ({ ...prf(tp, fp, fn), tp, fp, fn });

/** One-to-one, greedy in predicted order: the first gold event of the same key is taken. */
function match(pred: NormEvent[], gold: NormEvent[], key: (e: NormEvent) => string) {
  const pool = new Map<string, NormEvent[]>();
  for (const g of gold) pool.set(key(g), [...(pool.get(key(g)) ?? []), g]);
  const pairs: [NormEvent, NormEvent][] = [];
  const unmatchedPred: NormEvent[] = [];
  for (const p of pred) {
    const free = pool.get(key(p));
    const g = free?.shift();
    if (g !== undefined) pairs.push([p, g]);
    else unmatchedPred.push(p);
  }
  const used = new Set(pairs.map(([, g]) => g));
  return { pairs, unmatchedPred, unmatchedGold: gold.filter((g) => !used.has(g)) };
}

/** Multiset overlap of (date, code) pairs; pairs of optional gold events count on neither side. */
function pairScore(pc: NormEvent[], gc: NormEvent[], codes: (e: NormEvent) => string[]): Counted {
  const pairsOf = (es: NormEvent[]) => es.flatMap((e) => codes(e).map((c) => `${e.date}|${c}`));
  const optionalPairs = new Set(pairsOf(gc.filter((g) => g.optional)));
  const gp = pairsOf(gc.filter((g) => !g.optional));
  const pp = pairsOf(pc).filter((x) => !optionalPairs.has(x));
  const left = new Map<string, number>();
  gp.forEach((x) => left.set(x, (left.get(x) ?? 0) + 1));
  let tp = 0;
  for (const x of pp) {
    const n = left.get(x) ?? 0;
    if (n) {
      tp++;
      left.set(x, n - 1);
    }
  }
  return counted(tp, pp.length - tp, gp.length - tp);
}

export function score(predicted: ScorableEvent[], goldEvents: ScorableEvent[]): Matching {
  const pred = predicted.map(normalise);
  const gold = goldEvents.map(normalise);
  const pc = pred.filter((e) => CONTACT.has(e.type));
  const gc = gold.filter((e) => CONTACT.has(e.type));
  const m = match(pc, gc, keyOf);
  const contact = counted(m.pairs.filter(([, g]) => !g.optional).length, m.unmatchedPred.length, m.unmatchedGold.filter((g) => !g.optional).length);
  const subtypeOk = m.pairs.filter(([p, g]) => p.type === g.type).length;

  const po = pred.filter((e) => !CONTACT.has(e.type) && e.date);
  const go = gold.filter((e) => !CONTACT.has(e.type) && e.date);
  const mo = match(po, go, (e) => `${e.date}|${e.type}`);
  const otherTp = mo.pairs.filter(([, g]) => !g.optional).length;
  const otherFn = mo.unmatchedGold.filter((g) => !g.optional).length;

  let hit = 0;
  let all = 0;
  for (const [p, g] of m.pairs) {
    for (const t of g.topics) {
      all++;
      if (p.topics.includes(t)) hit++;
    }
  }

  return {
    scores: {
      gold: { contact: gc.length, optional: gc.filter((g) => g.optional).length, other: go.length },
      predicted: { contact: pc.length, other: pred.length - pc.length },
      contact,
      subtype: { ok: subtypeOk, matched: m.pairs.length, rate: m.pairs.length ? subtypeOk / m.pairs.length : null },
      countries: pairScore(pc, gc, (e) => e.countries),
      organizations: pairScore(pc, gc, (e) => e.orgs),
      other: { tp: otherTp, fn: otherFn, r: prf(otherTp, 0, otherFn).r },
      topics: { hit, all, rate: all ? hit / all : null },
    },
    falsePositives: m.unmatchedPred,
    missed: m.unmatchedGold.filter((g) => !g.optional),
    missedOther: mo.unmatchedGold.filter((g) => !g.optional),
  };
}

export const pct = (x: number): string => (100 * x).toFixed(1);

/** The lines score.mjs prints (its summary, before the verdict), worded the same. */
export function scoreMjsLines(s: Scores): string[] {
  return [
    `gold: ${s.gold.contact} contact events (${s.gold.optional} optional), ${s.gold.other} other dated events`,
    `predicted: ${s.predicted.contact} contact events, ${s.predicted.other} other events`,
    `contact events   precision ${pct(s.contact.p)}  recall ${pct(s.contact.r)}  F1 ${pct(s.contact.f1)}  (tp ${s.contact.tp}, fp ${s.contact.fp}, fn ${s.contact.fn})`,
    `contact subtype  ${s.subtype.rate === null ? 'n/a' : pct(s.subtype.rate)}% of matched events`,
    `countries        precision ${pct(s.countries.p)}  recall ${pct(s.countries.r)}  F1 ${pct(s.countries.f1)}`,
    `other events     recall ${pct(s.other.r)} on (date, type)`,
    `topics           recall ${s.topics.rate === null ? 'n/a' : pct(s.topics.rate)}% on matched contact events`,
  ];
}

/** What score.mjs --verbose lists after its summary. */
export function scoreMjsVerboseLines(m: Matching): string[] {
  return [
    ...m.falsePositives.map((p) => `  false positive: ${keyOf(p)} ${p.type}`),
    ...m.missed.map((g) => `  missed: ${keyOf(g)} ${g.type}`),
    ...m.missedOther.map((g) => `  missed other: ${g.date} ${g.type}`),
  ];
}
