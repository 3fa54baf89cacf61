// Which id an event made again keeps. Events are made again when the posts are parsed again
// (npm run reparse) and when an edited post's events are derived anew; shared links to
// /events/ID must keep working. An event is the event of its posts: a new event takes the id of
// the removed event it shares most posts with, one to one; ties go to the one with the same
// counterparts, then the same day, then the same type, then the older id. The key is the set of
// posts, not the date, type and counterparts, because those are what a parser change corrects:
// a meeting whose counterpart the new parser reads right is still that meeting. A removed event
// that no new event shares a post with, or whose posts went to events that took other ids (two
// events found to be one), is retired: its id answers 410 with a link to its day.
import type { EventType, ParsedEvent } from '@/lib/ingest/types';

/** An event removed in this run, whose id a new event may take. */
export interface Vacancy {
  id: number;
  date: string | null;
  type: EventType;
  title: string;
  /** Counterpart countries and organisations, sorted. */
  countries: string[];
  organizations: string[];
  /** The posts that reported it. */
  postIds: number[];
  createdAt: Date;
}

/** An event's counterparts, sorted, as a vacancy keeps them. */
export function counterpartsOf(e: ParsedEvent): { countries: string[]; organizations: string[] } {
  return {
    countries: [...new Set(e.countries.filter((c) => c.role === 'counterpart').map((c) => c.code))].sort(),
    organizations: [...new Set(e.organizations.filter((o) => o.role === 'counterpart').map((o) => o.code))].sort(),
  };
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * For each new event (in order), the vacancy whose id it takes, or null for a new id. Linear in
 * the links between posts and events, so that a reparse of a million posts stays fast.
 */
export function assignIds(events: { event: ParsedEvent; postIds: number[] }[], vacancies: Vacancy[]): (Vacancy | null)[] {
  const out: (Vacancy | null)[] = events.map(() => null);
  if (!vacancies.length) return out;
  const byPost = new Map<number, number[]>();
  vacancies.forEach((v, vi) => {
    for (const p of new Set(v.postIds)) {
      const list = byPost.get(p);
      if (list) list.push(vi);
      else byPost.set(p, [vi]);
    }
  });
  const pairs: { e: number; v: number; shared: number; counterparts: boolean; day: boolean; type: boolean }[] = [];
  events.forEach(({ event, postIds }, ei) => {
    const shared = new Map<number, number>();
    for (const p of new Set(postIds)) for (const vi of byPost.get(p) ?? []) shared.set(vi, (shared.get(vi) ?? 0) + 1);
    if (!shared.size) return;
    const cp = counterpartsOf(event);
    for (const [vi, n] of shared) {
      const v = vacancies[vi]!;
      pairs.push({
        e: ei,
        v: vi,
        shared: n,
        counterparts: sameList(cp.countries, v.countries) && sameList(cp.organizations, v.organizations),
        day: event.date === v.date,
        type: event.type === v.type,
      });
    }
  });
  pairs.sort(
    (a, b) =>
      b.shared - a.shared ||
      Number(b.counterparts) - Number(a.counterparts) ||
      Number(b.day) - Number(a.day) ||
      Number(b.type) - Number(a.type) ||
      vacancies[a.v]!.id - vacancies[b.v]!.id ||
      a.e - b.e,
  );
  const taken = new Set<number>();
  for (const p of pairs) {
    if (out[p.e] !== null || taken.has(p.v)) continue;
    out[p.e] = vacancies[p.v]!;
    taken.add(p.v);
  }
  return out;
}
