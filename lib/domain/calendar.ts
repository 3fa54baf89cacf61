// The one calendar: event days (YYYY-MM-DD, the Moscow calendar as the posts give it, handled
// as UTC days and never shifted by time zone), their arithmetic, ISO weeks, how they are
// written, and the wall clocks of time zones (with Intl alone: a date written without an offset
// means the time the channel's clocks showed, whatever the zone of the machine that reads it). Writing is by hand, not by the platform's locale, so the server, the browser and the
// PNG cards write the same text.

export const DAY_MS = 86_400_000;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

interface DayParts {
  y: number;
  /** 0 = January. */
  m: number;
  d: number;
  /** 0 = Sunday. */
  wd: number;
}

const utc = (day: string): Date => new Date(`${day}T00:00:00Z`);
const dayOf = (d: Date): string => d.toISOString().slice(0, 10);

function parts(day: string): DayParts {
  const date = utc(day);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth(), d: date.getUTCDate(), wd: date.getUTCDay() };
}

const month = (m: number): string => MONTHS[m] ?? '';

// ---- arithmetic ----

export function addDays(day: string, days: number): string {
  const d = utc(day);
  d.setUTCDate(d.getUTCDate() + days);
  return dayOf(d);
}

/** The same day `months` months away, clamped to the month's end (31 Mar − 1 month = 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const p = parts(day);
  const first = new Date(Date.UTC(p.y, p.m + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(p.d, last));
  return dayOf(first);
}

/** Whole days from `from` to `to` (0 for the same day, negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to).getTime() - utc(from).getTime()) / DAY_MS);
}

// ---- writing ----

/** "Thu 21 Sep 2023" */
export function formatDay(day: string): string {
  const p = parts(day);
  return `${WEEKDAYS[p.wd]} ${p.d} ${month(p.m)} ${p.y}`;
}

/** "21 Sep 2023" */
export function formatDate(day: string): string {
  const p = parts(day);
  return `${p.d} ${month(p.m)} ${p.y}`;
}

/** "21 Sep" */
export function formatDayMonth(day: string): string {
  const p = parts(day);
  return `${p.d} ${month(p.m)}`;
}

/** "Sep 2023" */
export function formatMonth(day: string): string {
  const p = parts(day);
  return `${month(p.m)} ${p.y}`;
}

/** "19–21 Sep 2023", "30 Aug – 21 Sep 2023", "30 Dec 2022 – 2 Jan 2023". */
export function formatRange(from: string, to: string): string {
  if (from === to) return formatDate(from);
  const a = parts(from);
  const b = parts(to);
  if (a.y === b.y && a.m === b.m) return `${a.d}–${b.d} ${month(b.m)} ${b.y}`;
  if (a.y === b.y) return `${a.d} ${month(a.m)} – ${b.d} ${month(b.m)} ${b.y}`;
  return `${formatDate(from)} – ${formatDate(to)}`;
}

/** A UTC instant as "21 Sep 2023, 14:05 UTC". */
export function formatInstant(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const hh = String(t.getUTCHours()).padStart(2, '0');
  const mm = String(t.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(dayOf(t))}, ${hh}:${mm} UTC`;
}

// ---- ISO 8601 weeks ("2023-W38": Monday 18 to Sunday 24 September 2023), the unit of the weekly summary ----

export interface IsoWeek {
  year: number;
  week: number;
  /** "2023-W38" */
  code: string;
  /** Monday and Sunday, YYYY-MM-DD. */
  from: string;
  to: string;
}

function weeksInYear(year: number): number {
  // A year has 53 ISO weeks when 28 December falls in week 53.
  return isoWeekOf(`${year}-12-28`).week;
}

function mondayOfWeek1(year: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const dow = (jan4.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(year, 0, 4 - dow));
}

function makeWeek(year: number, week: number): IsoWeek {
  const monday = dayOf(mondayOfWeek1(year));
  const from = addDays(monday, (week - 1) * 7);
  return { year, week, code: `${year}-W${String(week).padStart(2, '0')}`, from, to: addDays(from, 6) };
}

/** The week of "2023-W38", or null when it is no such week (W60, W53 of a 52-week year, "abc"). */
export function parseWeek(code: string): IsoWeek | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1900 || year > 2100 || week < 1 || week > weeksInYear(year)) return null;
  return makeWeek(year, week);
}

/** The ISO week a day (YYYY-MM-DD) falls in. */
export function isoWeekOf(date: string): IsoWeek {
  const dow = (utc(date).getUTCDay() + 6) % 7;
  const thursday = utc(addDays(date, 3 - dow));
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.round((thursday.getTime() - mondayOfWeek1(year).getTime() - 3 * DAY_MS) / (7 * DAY_MS));
  return makeWeek(year, week);
}

export function shiftWeek(w: IsoWeek, by: number): IsoWeek {
  return isoWeekOf(addDays(w.from, by * 7));
}

/** "18–24 Sep 2023", "28 Aug – 3 Sep 2023", "30 Dec 2024 – 5 Jan 2025" */
export function formatWeekRange(w: IsoWeek): string {
  return formatRange(w.from, w.to);
}

// ---- time zones ----

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
  /**
   * The same for instants: the offset through each UTC day (days since 1970) whose offset did
   * not change during it; null for a day with a change.
   */
  utcDays: Map<number, number | null>;
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
    z = { format, days: new Map(), utcDays: new Map() };
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
  // The format asks for every part; were one missing, the offset would be NaN.
  return Date.UTC(n.year ?? NaN, (n.month ?? NaN) - 1, n.day, n.hour, n.minute, n.second) - second;
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

/**
 * The calendar day (YYYY-MM-DD) of an instant in an IANA time zone, by the zone's own history
 * (offsets and daylight saving as they were then). A RangeError for a zone Intl does not know.
 * Years outside 1–9999 are the caller's to refuse (Intl would write an era before year 1).
 */
export function dayInZone(at: Date, timeZone: string): string {
  const zone = zoneOf(timeZone);
  const t = at.getTime();
  const utcDay = Math.floor(t / DAY_MS);
  let offset = zone.utcDays.get(utcDay);
  if (offset === undefined) {
    // The same offset at both ends of the day is the offset all day: no zone has changed its
    // clock and changed it back within one day.
    const first = offsetAt(zone, utcDay * DAY_MS);
    const last = offsetAt(zone, (utcDay + 1) * DAY_MS - 1000);
    offset = first === last ? first : null;
    if (zone.utcDays.size >= MAX_MEMO_DAYS) zone.utcDays.clear();
    zone.utcDays.set(utcDay, offset);
  }
  const wall = new Date(t + (offset ?? offsetAt(zone, t)));
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}
