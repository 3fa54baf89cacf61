// One real event, one row: the Russian and English versions, repeats, teasers and digest
// lines that report the same meeting are folded together.
import { canonicalPeople } from './people';
import { CONTACT_TYPES, type EventType, type ParsedEvent, type ParsedPerson } from './types';

const DAY_MS = 86_400_000;

function counterpartKey(e: ParsedEvent): Set<string> {
  const s = new Set<string>();
  for (const c of e.countries) if (c.role === 'counterpart') s.add(c.code);
  for (const o of e.organizations) if (o.role === 'counterpart') s.add(`@${o.code}`);
  return s;
}

function typesCompatible(a: EventType, b: EventType): boolean {
  if (a === b) return true;
  // "беседа", "meeting" and "conversation" are the same contact; a multilateral meeting
  // seen from one digest line may read as a plain meeting.
  return CONTACT_TYPES.includes(a) && CONTACT_TYPES.includes(b) && a !== 'phone_call' && b !== 'phone_call';
}

/**
 * Two reports of one event agree on its day. A day taken from the publication may be a day off
 * (the English post of last night's talks comes out next morning); two days written in the
 * texts ("December 28", "December 29") are two events.
 */
function datesCompatible(a: ParsedEvent, b: ParsedEvent): boolean {
  if (a.date === null || b.date === null) return true;
  if (a.date === b.date) return true;
  if (hasTextDate(a) && hasTextDate(b)) return false;
  return Math.abs(Date.parse(a.date) - Date.parse(b.date)) <= DAY_MS;
}

function equalSets(a: Set<string>, b: Set<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function subset(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export function sameEvent(a: ParsedEvent, b: ParsedEvent): boolean {
  if (!typesCompatible(a.type, b.type)) return false;
  if (!datesCompatible(a, b)) return false;
  if (a.principal && b.principal && a.principal !== b.principal) return false;
  const ka = counterpartKey(a);
  const kb = counterpartKey(b);
  if (equalSets(ka, kb)) {
    // Two counterpart-less statements on one day are only the same when nothing else tells them apart.
    if (ka.size > 0) return true;
    return a.date !== null && a.date === b.date && a.principal === b.principal && a.type === b.type && !CONTACT_TYPES.includes(a.type);
  }
  // A teaser or a digest line may name fewer parties than the full post.
  const loose = a.date === null || b.date === null || a.fromDigest || b.fromDigest;
  if (!loose || ka.size === 0 || kb.size === 0) return false;
  return subset(ka, kb) || subset(kb, ka);
}

function hasTextDate(e: ParsedEvent): boolean {
  return e.evidence.some((x) => x.field === 'date');
}

function unionBy<T>(a: T[], b: T[], key: (x: T) => string): T[] {
  const seen = new Set(a.map(key));
  const out = [...a];
  for (const x of b) {
    const k = key(x);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

/**
 * One entry per person across the languages of an event's posts: "И.Хилем", "Yvan Gil Pinto" and
 * "Yvan Gil" are one person, named as the registry names them (lib/ingest/people.ts), and phrases
 * that name nobody ("Kremlin", "August") are dropped.
 */
export function tidyPeople(people: ParsedPerson[]): ParsedPerson[] {
  return canonicalPeople(people);
}

/** `into` absorbs `from`; a full post outranks a digest line, a written date a timestamp. */
export function mergeEvent(into: ParsedEvent, from: ParsedEvent): ParsedEvent {
  const primary = into.fromDigest && !from.fromDigest ? from : into;
  const secondary = primary === into ? from : into;
  let date = primary.date ?? secondary.date;
  if (primary.date && secondary.date && !hasTextDate(primary) && hasTextDate(secondary)) date = secondary.date;
  const type: EventType = primary.type === secondary.type ? primary.type : primary.type;

  const roles = <T extends { code: string; role: 'counterpart' | 'mentioned' }>(a: T[], b: T[]): T[] => {
    const out = new Map<string, T>();
    for (const x of [...a, ...b]) {
      const cur = out.get(x.code);
      if (!cur || (cur.role === 'mentioned' && x.role === 'counterpart')) out.set(x.code, x);
    }
    return [...out.values()];
  };

  const topics = new Map<string, string[]>();
  for (const t of [...primary.topics, ...secondary.topics]) {
    const cur = topics.get(t.code) ?? [];
    for (const p of t.phrases) if (!cur.includes(p)) cur.push(p);
    topics.set(t.code, cur);
  }

  return {
    date,
    type,
    countries: roles(primary.countries, secondary.countries),
    organizations: roles(primary.organizations, secondary.organizations),
    people: tidyPeople(unionBy(primary.people, secondary.people, (p) => p.name)),
    principal: primary.principal ?? secondary.principal,
    venue: primary.venue ?? secondary.venue,
    title: primary.title || secondary.title,
    summary: primary.summary.length >= secondary.summary.length ? primary.summary : secondary.summary,
    topics: [...topics].map(([code, phrases]) => ({ code, phrases })),
    evidence: unionBy(primary.evidence, secondary.evidence, (e) => `${e.field}\u0000${e.value}\u0000${e.phrase}`),
    fromDigest: primary.fromDigest && secondary.fromDigest,
  };
}

/**
 * Greedy clustering in input order: each event joins the best cluster it matches (same
 * date first, then same parties, then the earliest), else starts its own. Deterministic.
 * Clusters are indexed by counterpart and day so that large inputs stay near-linear.
 */
export function mergeAll(items: { postKey: string; event: ParsedEvent }[]): { event: ParsedEvent; postKeys: string[] }[] {
  interface Cluster {
    index: number;
    event: ParsedEvent;
    postKeys: string[];
    members: ParsedEvent[];
  }
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster[]>();
  const keysOf = (e: ParsedEvent): string[] => {
    const codes = [...counterpartKey(e)];
    return codes.length ? codes : [`\u0000${e.type}`];
  };
  const index = (c: Cluster, e: ParsedEvent): void => {
    const day = e.date ?? 'none';
    for (const k of keysOf(e)) {
      const key = `${k}|${day}`;
      const list = byKey.get(key);
      if (!list) byKey.set(key, [c]);
      else if (!list.includes(c)) list.push(c);
    }
  };
  const candidates = (e: ParsedEvent): Cluster[] => {
    const found = new Set<Cluster>();
    const days = e.date === null ? null : [-1, 0, 1].map((d) => new Date(Date.parse(e.date as string) + d * DAY_MS).toISOString().slice(0, 10));
    for (const k of keysOf(e)) {
      if (days === null) {
        // An undated report may join a cluster of any day.
        for (const [key, list] of byKey) if (key.startsWith(`${k}|`)) for (const c of list) found.add(c);
      } else {
        for (const d of [...days, 'none']) for (const c of byKey.get(`${k}|${d}`) ?? []) found.add(c);
      }
    }
    return [...found].sort((a, b) => a.index - b.index);
  };

  for (const item of items) {
    let best: Cluster | null = null;
    let bestScore = -1;
    for (const c of candidates(item.event)) {
      // Every member must agree, so that chains of loose matches do not drift.
      if (!sameEvent(c.event, item.event) || !c.members.every((m) => sameEvent(m, item.event))) continue;
      const score = (c.event.date !== null && c.event.date === item.event.date ? 2 : 0) + (equalSets(counterpartKey(c.event), counterpartKey(item.event)) ? 1 : 0);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best) {
      best.event = mergeEvent(best.event, item.event);
      best.members.push(item.event);
      if (!best.postKeys.includes(item.postKey)) best.postKeys.push(item.postKey);
      index(best, best.event);
    } else {
      const c: Cluster = { index: clusters.length, event: item.event, postKeys: [item.postKey], members: [item.event] };
      clusters.push(c);
      index(c, item.event);
    }
  }
  return clusters.map(({ event, postKeys }) => ({ event, postKeys }));
}
