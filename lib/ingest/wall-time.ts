// Wall-clock times of an IANA time zone turned into instants, with Intl alone: a date written
// without an offset ("2023-09-20 23:30:00") means the time the channel's clocks showed, whatever
// the zone of the machine that reads it.

/** A time as a clock shows it; the fields are those of an ISO date and time. */
export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;
/** No zone is more than 14 hours from UTC; a window this wide around a wall time holds its instant. */
const REACH_MS = 15 * 3_600_000;

interface Zone {
  format: Intl.DateTimeFormat;
  /**
   * The offset (ms) for wall times of a day (days since 1970, the wall time read as UTC) when the
   * zone did not change its offset anywhere near that day; null for a day near a change. A file
   * of an old export has a date like this on every message, and arithmetic on a known offset is
   * many times cheaper than asking Intl three times for each.
   */
  days: Map<number, number | null>;
}

const zones = new Map<string, Zone>();
/** Enough days for centuries of posts; past it the memo starts again rather than grow. */
const MAX_MEMO_DAYS = 100_000;

function zoneOf(timeZone: string): Zone {
  let z = zones.get(timeZone);
  if (!z) {
    // The Gregorian calendar, Latin digits and a 0–23 hour whatever the machine's locale, so that
    // the parts are the numbers of an ISO date and time.
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    z = { format, days: new Map() };
    zones.set(timeZone, z);
  }
  return z;
}

/** A wall time's fields read as if they were UTC (ms); years 0–99 stay years 0–99. */
export function wallAsUtc(w: WallTime): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

/** The zone's offset from UTC at an instant (ms; whole seconds, as in the time zone database). */
function offsetAt(zone: Zone, t: number): number {
  const n: Record<string, number> = {};
  for (const part of zone.format.formatToParts(t)) if (part.type !== 'literal') n[part.type] = Number(part.value);
  const second = Math.floor(t / 1000) * 1000;
  return Date.UTC(n.year, n.month - 1, n.day, n.hour, n.minute, n.second) - second;
}

/**
 * The instant (ms since 1970) at which clocks in `timeZone` showed `wall`. A RangeError for a
 * zone Intl does not know.
 *
 * A wall time that a change of the clocks skipped (02:30 on a night the clocks went from 02:00
 * to 03:00) is read with the offset from before the change, so it lands as far past the change
 * as it was past its start: 03:30 of the new time. A wall time that happened twice (01:30 on a
 * night the clocks went back from 02:00 to 01:00) is the first of the two. Both are the choices
 * of Temporal's "compatible" disambiguation and of RFC 5545, so the instant depends only on the
 * zone's history, never on the machine.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): number {
  const zone = zoneOf(timeZone);
  const w = wallAsUtc(wall);
  const day = Math.floor(w / DAY_MS);
  let known = zone.days.get(day);
  if (known === undefined) {
    // The same offset well before and well after the day is the offset all through it: no zone
    // has changed its clocks and changed them back within a few days.
    const early = offsetAt(zone, day * DAY_MS - REACH_MS);
    const late = offsetAt(zone, (day + 1) * DAY_MS + REACH_MS);
    known = early === late ? early : null;
    if (zone.days.size >= MAX_MEMO_DAYS) zone.days.clear();
    zone.days.set(day, known);
  }
  if (known !== null) return w - known;
  // Near a change: the offsets on either side of it are the only candidates.
  const before = offsetAt(zone, w - REACH_MS);
  const after = offsetAt(zone, w + REACH_MS);
  const first = w - before;
  if (offsetAt(zone, first) === before) return first; // the wall time existed before the change (the first of two in an overlap)
  const second = w - after;
  if (offsetAt(zone, second) === after) return second; // it exists only after the change
  return first; // in the gap: read with the offset from before the change
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The wall time in `timeZone` at an instant, as "YYYY-MM-DDTHH:mm:ss" (what exports write). */
export function wallTimeAt(at: Date, timeZone: string): string {
  const zone = zoneOf(timeZone);
  const wall = new Date(at.getTime() + offsetAt(zone, at.getTime()));
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}T${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`;
}
