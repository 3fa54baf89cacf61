// One real event, one row: the Russian and English versions, repeats, teasers and digest
// lines that report the same meeting are folded together.
import { DAY_MS } from '@/lib/domain/calendar';
import { canonicalPeople } from './people';
import { CONTACT_TYPES, type EventType, type ParsedEvent, type ParsedPerson } from './types';

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

/** One event as one post reports it. */
export interface MergeItem {
  postKey: string;
  event: ParsedEvent;
  /**
   * The file (or other run of posts, in order) the post comes from: an undated report is placed
   * by the dated posts around it in its group. Items that give none are one group.
   */
  group?: string;
}

function withinADay(a: string, b: string): boolean {
  return Math.abs(Date.parse(a) - Date.parse(b)) <= DAY_MS;
}

/**
 * For each undated report, the days of the nearest dated reports of other posts before and
 * after it in its group: a post of a plain-text file without a year was published among them.
 */
function nearDays(items: MergeItem[]): string[][] {
  const out: string[][] = items.map(() => []);
  const scan = (order: number[]): void => {
    // Per group, the last dated report and the last one of another post than that.
    const last = new Map<string, { postKey: string; date: string }>();
    const other = new Map<string, { postKey: string; date: string }>();
    // The order holds indices of items, so every one is in range.
    for (const i of order) {
      const { postKey, event, group = '' } = items[i]!;
      const seen = last.get(group);
      if (event.date !== null) {
        if (seen && seen.postKey !== postKey) other.set(group, seen);
        last.set(group, { postKey, date: event.date });
        continue;
      }
      const near = seen && seen.postKey !== postKey ? seen : other.get(group);
      const days = out[i]!;
      if (near && !days.includes(near.date)) days.push(near.date);
    }
  };
  const forward = items.map((_, i) => i);
  scan(forward);
  scan(forward.reverse());
  return out;
}

/**
 * Greedy clustering in input order: each event joins the best cluster it matches (same
 * date first, then same parties, then the earliest), else starts its own. Deterministic.
 * Clusters are indexed by counterpart and day so that large inputs stay near-linear.
 *
 * A report without a date joins another report only when the posts tie them: lines of one post,
 * or a report within a day of the dated posts published around it (the other language's version
 * next to it in the file). Otherwise it stays an undated event of its own: ten calls with Turkey
 * on ten days of a plain-text file without --year are ten events, not one.
 */
export function mergeAll(items: MergeItem[]): { event: ParsedEvent; postKeys: string[] }[] {
  interface Member {
    item: MergeItem;
    near: string[];
  }
  interface Cluster {
    index: number;
    event: ParsedEvent;
    postKeys: string[];
    members: Member[];
  }
  const near = nearDays(items);
  const tied = (a: Member, b: Member): boolean => {
    if (a.item.postKey === b.item.postKey) return true;
    const [undated, dated] = a.item.event.date === null ? [a, b] : [b, a];
    const day = dated.item.event.date;
    if (undated.item.event.date !== null || day === null) return false;
    return undated.near.some((d) => withinADay(d, day));
  };
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster[]>();
  const byPost = new Map<string, Cluster[]>();
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
  const around = (day: string): string[] => [-1, 0, 1].map((d) => new Date(Date.parse(day) + d * DAY_MS).toISOString().slice(0, 10));
  const candidates = (m: Member): Cluster[] => {
    const e = m.item.event;
    const found = new Set<Cluster>();
    // An undated report looks among its own post's clusters and the days it was published among.
    const days = e.date === null ? [...new Set(m.near.flatMap(around))] : [...around(e.date), 'none'];
    if (e.date === null) for (const c of byPost.get(m.item.postKey) ?? []) found.add(c);
    for (const k of keysOf(e)) for (const d of days) for (const c of byKey.get(`${k}|${d}`) ?? []) found.add(c);
    return [...found].sort((a, b) => a.index - b.index);
  };

  items.forEach((item, i) => {
    // nearDays gives one list for each item.
    const entry: Member = { item, near: near[i]! };
    let best: Cluster | null = null;
    let bestScore = -1;
    for (const c of candidates(entry)) {
      // Every member must agree, so that chains of loose matches do not drift.
      if (!sameEvent(c.event, item.event) || !c.members.every((m) => sameEvent(m.item.event, item.event))) continue;
      // Dated reports agree by their days; where one of the two has none, the posts must tie them.
      if (!c.members.some((m) => (m.item.event.date !== null && item.event.date !== null) || tied(m, entry))) continue;
      const sameDay = c.event.date !== null && (c.event.date === item.event.date || (item.event.date === null && entry.near.includes(c.event.date)));
      const score = (sameDay ? 2 : 0) + (equalSets(counterpartKey(c.event), counterpartKey(item.event)) ? 1 : 0);
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    let target: Cluster;
    if (best) {
      target = best;
      target.event = mergeEvent(target.event, item.event);
      target.members.push(entry);
      if (!target.postKeys.includes(item.postKey)) target.postKeys.push(item.postKey);
    } else {
      target = { index: clusters.length, event: item.event, postKeys: [item.postKey], members: [entry] };
      clusters.push(target);
    }
    index(target, target.event);
    const ofPost = byPost.get(item.postKey);
    if (!ofPost) byPost.set(item.postKey, [target]);
    else if (!ofPost.includes(target)) ofPost.push(target);
  });
  return clusters.map(({ event, postKeys }) => ({ event, postKeys }));
}
