// Dates and numbers as the dashboard writes them. Dates are event days (YYYY-MM-DD, the Moscow
// calendar as the posts give it), so they are handled as UTC days and never shifted by time zone.
// Formatting is by hand, so the server and the browser write the same text.

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function parts(day: string): { y: number; m: number; d: number; wd: number } {
  const date = new Date(`${day}T00:00:00Z`);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth(), d: date.getUTCDate(), wd: date.getUTCDay() };
}

/** "Thu 21 Sep 2023" */
export function formatDay(day: string): string {
  const p = parts(day);
  return `${WEEKDAYS[p.wd]} ${p.d} ${MONTHS[p.m]} ${p.y}`;
}

/** "21 Sep 2023" */
export function formatDate(day: string): string {
  const p = parts(day);
  return `${p.d} ${MONTHS[p.m]} ${p.y}`;
}

/** "21 Sep" */
export function formatDayMonth(day: string): string {
  const p = parts(day);
  return `${p.d} ${MONTHS[p.m]}`;
}

/** "Sep 2023" */
export function formatMonth(day: string): string {
  const p = parts(day);
  return `${MONTHS[p.m]} ${p.y}`;
}

/** "19–21 Sep 2023", "30 Aug – 21 Sep 2023", "30 Dec 2022 – 2 Jan 2023". */
export function formatRange(from: string, to: string): string {
  if (from === to) return formatDate(from);
  const a = parts(from);
  const b = parts(to);
  if (a.y === b.y && a.m === b.m) return `${a.d}–${b.d} ${MONTHS[b.m]} ${b.y}`;
  if (a.y === b.y) return `${a.d} ${MONTHS[a.m]} – ${b.d} ${MONTHS[b.m]} ${b.y}`;
  return `${formatDate(from)} – ${formatDate(to)}`;
}

/** A UTC instant as "21 Sep 2023, 14:05 UTC". */
export function formatInstant(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return iso;
  const hh = String(t.getUTCHours()).padStart(2, '0');
  const mm = String(t.getUTCMinutes()).padStart(2, '0');
  return `${formatDate(t.toISOString().slice(0, 10))}, ${hh}:${mm} UTC`;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The same day `months` months away, clamped to the month's end (31 Mar − 1 month = 28/29 Feb). */
export function addMonths(day: string, months: number): string {
  const p = parts(day);
  const first = new Date(Date.UTC(p.y, p.m + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(p.d, last));
  return first.toISOString().slice(0, 10);
}

const NUMBER = new Intl.NumberFormat('en-US');

export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
