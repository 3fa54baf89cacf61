// Posts without timestamps (plain text) write dates without a year: "20 сентября", "On September 20".
// The year then comes from the file itself: the latest year written beside a full date
// ("September 19, 2023", "20 сентября 2023 года"), since a channel reports its present and
// quotes its past. Years after the current one are announcements, not the present.
import type { RawPost } from '@/lib/ingest/types';

const FULL_DATE =
  /\b\d{1,2}\s+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)\s+((?:19|20)\d{2})\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+((?:19|20)\d{2})\b|\b\d{1,2}\.\d{1,2}\.((?:19|20)\d{2})\b/giu;

export function inferYear(posts: RawPost[], now: Date = new Date()): number | undefined {
  const current = now.getUTCFullYear();
  let best: number | undefined;
  for (const post of posts) {
    for (const m of post.text.matchAll(FULL_DATE)) {
      const year = Number(m[1] ?? m[2] ?? m[3]);
      if (year <= current && (best === undefined || year > best)) best = year;
    }
  }
  return best;
}
