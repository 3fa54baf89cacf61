// Calendar dates written in posts: "20 сентября", "September 20", "20.09.2023" ...
import { DAY_MS, dayInZone } from '@/lib/domain/calendar';

const RU_MONTHS = ['январ', 'феврал', 'март', 'апрел', 'ма', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'];
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const RU_DATE =
  '(\\d{1,2})(?:\\s*[-–—]\\s*\\d{1,2})?\\s+(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)(?:\\s+(\\d{4})(?:\\s*(?:г\\.|года|году))?)?';
const EN_MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)';
const EN_MD = `${EN_MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:\\s*[-–—]\\s*\\d{1,2})?(?:,?\\s+(\\d{4}))?`;
const EN_DM = `(\\d{1,2})(?:st|nd|rd|th)?\\s+${EN_MONTH}(?:,?\\s+(\\d{4}))?`;
const NUMERIC = '(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})';

const DATE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${RU_DATE}|${EN_MD}|${EN_DM}|${NUMERIC})(?![\\p{L}\\p{N}])`,
  'giu',
);

export interface DateMention {
  start: number;
  end: number;
  text: string;
  month: number;
  day: number;
  year: number | null;
}

function monthIndex(word: string): number {
  const w = word.toLowerCase();
  if (/[а-я]/.test(w)) {
    if (w === 'мая') return 5;
    return RU_MONTHS.findIndex((m, i) => i !== 4 && w.startsWith(m)) + 1;
  }
  return EN_MONTHS.findIndex((m) => w.startsWith(m)) + 1;
}

/** Whether text[from, to) holds an ASCII digit: every date written does, and most spans hold none. */
function hasDigit(text: string, from: number, to: number): boolean {
  for (let i = from, end = Math.min(to, text.length); i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

export function findDates(text: string, from = 0, to = text.length): DateMention[] {
  const out: DateMention[] = [];
  if (Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to >= 0 && !hasDigit(text, from, to)) return out;
  const slice = text.slice(from, to);
  DATE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATE_RE.exec(slice)) !== null) {
    let day: number;
    let month: number;
    let year: string | undefined;
    if (m[1] !== undefined) {
      day = Number(m[1]);
      month = monthIndex(m[2]!);
      year = m[3];
    } else if (m[4] !== undefined) {
      month = monthIndex(m[4]);
      day = Number(m[5]);
      year = m[6];
    } else if (m[7] !== undefined) {
      day = Number(m[7]);
      month = monthIndex(m[8]!);
      year = m[9];
    } else {
      day = Number(m[10]);
      month = Number(m[11]);
      year = m[12];
    }
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    out.push({ start: from + m.index, end: from + m.index + m[0].length, text: m[0], month, day, year: year ? Number(year) : null });
  }
  return out;
}

/** Event days are read from 1900 to 2100; a year outside is a typo or a broken clock. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;

export function isoDate(year: number, month: number, day: number): string | null {
  // Outside the range, and Date.UTC would also read years 0–99 as 1900–1999.
  if (!(year >= FIRST_YEAR && year <= LAST_YEAR)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return d.toISOString().slice(0, 10);
}

/**
 * The calendar day (YYYY-MM-DD) of an instant in an IANA time zone, by the zone's own history
 * (offsets and daylight saving as they were then); null outside the years read. A zone Intl
 * does not know is a RangeError: zones come from validated channel profiles.
 */
export function localDay(at: Date, timeZone: string): string | null {
  if (!Number.isFinite(at.getTime())) return null;
  // No zone is a day away from UTC: an instant further out cannot fall in the years read, and
  // Intl would write an era for years before 1 (and Date.UTC read 0–99 as 1900–1999).
  const utcYear = at.getUTCFullYear();
  if (utcYear < FIRST_YEAR - 1 || utcYear > LAST_YEAR + 1) return null;
  const day = dayInZone(at, timeZone);
  const year = Number(day.slice(0, 4));
  return year < FIRST_YEAR || year > LAST_YEAR ? null : day;
}

export interface DateContext {
  /** Day of publication in the channel's time zone, when known. */
  postedDay: string | null;
  /** Year to assume for dates written without one. */
  year: number | null;
}

/**
 * Resolves a mention to YYYY-MM-DD, or null when it is clearly not about the post's time
 * (a year far from the publication, an unknown year).
 */
export function resolveDate(d: DateMention, ctx: DateContext): string | null {
  if (ctx.postedDay) {
    const posted = Date.parse(ctx.postedDay);
    const py = Number(ctx.postedDay.slice(0, 4));
    if (d.year !== null) {
      const iso = isoDate(d.year, d.month, d.day);
      if (!iso) return null;
      return Math.abs(Date.parse(iso) - posted) > 62 * DAY_MS ? null : iso;
    }
    // A date a little after the post is an announcement; much later means last year.
    for (const y of [py, py - 1, py + 1]) {
      const iso = isoDate(y, d.month, d.day);
      if (iso && Math.abs(Date.parse(iso) - posted) <= 190 * DAY_MS) return iso;
    }
    return null;
  }
  if (d.year !== null) {
    if (ctx.year !== null && Math.abs(d.year - ctx.year) >= 1) return null;
    return isoDate(d.year, d.month, d.day);
  }
  return ctx.year !== null ? isoDate(ctx.year, d.month, d.day) : null;
}
