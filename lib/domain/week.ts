// ISO 8601 weeks ("2023-W38": Monday 18 to Sunday 24 September 2023), the unit of the weekly summary.

export interface IsoWeek {
  year: number;
  week: number;
  /** "2023-W38" */
  code: string;
  /** Monday and Sunday, YYYY-MM-DD. */
  from: string;
  to: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function weeksInYear(year: number): number {
  // A year has 53 ISO weeks when 28 December falls in week 53.
  return isoWeekOf(`${year}-12-28`).week;
}

function mondayOfWeek1(year: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const dow = (jan4.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(year, 0, 4 - dow));
}

function make(year: number, week: number): IsoWeek {
  const monday = mondayOfWeek1(year);
  monday.setUTCDate(monday.getUTCDate() + (week - 1) * 7);
  const sunday = new Date(monday);
  sunday.setUTCDate(sunday.getUTCDate() + 6);
  return { year, week, code: `${year}-W${String(week).padStart(2, '0')}`, from: day(monday), to: day(sunday) };
}

/** The week of "2023-W38", or null when it is no such week (W60, W53 of a 52-week year, "abc"). */
export function parseWeek(code: string): IsoWeek | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(code);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1900 || year > 2100 || week < 1 || week > weeksInYear(year)) return null;
  return make(year, week);
}

/** The ISO week a day (YYYY-MM-DD) falls in. */
export function isoWeekOf(date: string): IsoWeek {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(d);
  thursday.setUTCDate(d.getUTCDate() - dow + 3);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.round((thursday.getTime() - mondayOfWeek1(year).getTime() - 3 * 86_400_000) / (7 * 86_400_000));
  return make(year, week);
}

export function shiftWeek(w: IsoWeek, by: number): IsoWeek {
  const d = new Date(`${w.from}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by * 7);
  return isoWeekOf(day(d));
}

/** "18–24 Sep 2023", "28 Aug – 3 Sep 2023", "30 Dec 2024 – 5 Jan 2025" */
export function formatWeekRange(w: IsoWeek): string {
  const f = new Date(`${w.from}T00:00:00Z`);
  const t = new Date(`${w.to}T00:00:00Z`);
  const mon = (d: Date) => MONTHS[d.getUTCMonth()];
  if (f.getUTCFullYear() !== t.getUTCFullYear()) {
    return `${f.getUTCDate()} ${mon(f)} ${f.getUTCFullYear()} – ${t.getUTCDate()} ${mon(t)} ${t.getUTCFullYear()}`;
  }
  if (f.getUTCMonth() !== t.getUTCMonth()) return `${f.getUTCDate()} ${mon(f)} – ${t.getUTCDate()} ${mon(t)} ${t.getUTCFullYear()}`;
  return `${f.getUTCDate()}–${t.getUTCDate()} ${mon(t)} ${t.getUTCFullYear()}`;
}
