// Splits a plain-text dump of channel posts, pasted one after another without separators,
// back into posts. A post usually opens with a marker (flag pair, 🤝, 🗓, 🎙 …) and often
// ends with a line of hashtags; a switch between Russian and English is a strong boundary
// because the channel posts each language version separately.
import { isHashtagLine, letterCounts, scriptLang } from './text';
import type { Lang } from './types';

const SEPARATOR_RE = /^\s*(?:-{3,}|={3,}|\*{3,}|_{3,}|—{2,}|─{3,}|\f)\s*$/;
const FLAG_LEAD_RE = /^(?:[\u{1F1E6}-\u{1F1FF}]{2})+/u;
const EVENT_EMOJI_LEAD_RE = /^(?:🤝|🗓|📆|📅|📞|☎️?|✍️?|🗣|📝)\uFE0F?/u;
const MIC_LEAD_RE = /^(?:🎙|🎤|🎥|📹|📺|📻)\uFE0F?\s*[\p{Lu}«"#]/u;
const OPENER_RE = /^(?:#Opinion|#Мнение|#Позиция|#Position|Поехали!|Off we go!|⚡️?\s*Срочно|⚡️?\s*Breaking)/u;
const MONTHS =
  'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|January|February|March|April|May|June|July|August|September|October|November|December';
const DATE_START_RE = new RegExp(`^(?:On\\s+|В\\s+)?(?:\\d{1,2}(?:\\s*[-–]\\s*\\d{1,2})?\\s+(?:${MONTHS})|(?:${MONTHS})\\s+\\d{1,2})`, 'u');
const ACTOR_START_RE =
  /^(?:(?:Russia['’]s|Russian|The)\s+)?(?:Foreign\s+Minister|FM|Deputy\s+Foreign\s+Minister|President|Sergey\s+Lavrov|Министр|Заместитель\s+Министра|Президент|Председатель|(?:\p{Lu}\.\s?){1,2}\p{Lu}\p{Ll}+\s+(?:провел|провёл|встретил|принял|провели|выступил|принял))/u;
const LEAD_EMOJI_RE = /^[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\uFE0F\u200D\s]+/u;

/** Language of a line, or null when it has too few letters or mixes scripts. */
function lineLang(line: string): Lang | null {
  return scriptLang(line, 6, 3);
}

function letters(line: string): number {
  const { cyr, lat } = letterCounts(line.replace(/#[\p{L}\p{N}_]+/gu, ' '));
  return cyr + lat;
}

const LIST_ITEM_RE = /^(?:[•▪◾◽▫‣●·◦*◆◇▶►➡🔹🔸🔷🔶-]|(?:[\u{1F1E6}-\u{1F1FF}]{2}){2})/u;

function opensPost(line: string, prevWasHashtags: boolean, prevLine: string, nextLine: string): boolean {
  if (OPENER_RE.test(line) || MIC_LEAD_RE.test(line)) return true;
  const flag = FLAG_LEAD_RE.exec(line);
  // A Russia+X flag pair heads a bilateral post, unless it is one more item of a list.
  if (flag && flag[0].length >= 8 && !((LIST_ITEM_RE.test(prevLine) || LIST_ITEM_RE.test(nextLine)) && line.length < 200)) return true;
  const emoji = flag ? null : EVENT_EMOJI_LEAD_RE.exec(line);
  const lead = flag ?? emoji;
  if (!lead) return false;
  const rest = line.slice(lead[0].length).replace(LEAD_EMOJI_RE, '');
  if (DATE_START_RE.test(rest) || ACTOR_START_RE.test(rest)) return true;
  return prevWasHashtags;
}

/** Splits text into post texts; separator lines ("---", "===") always split. */
export function splitPlainText(content: string): string[] {
  const posts: string[] = [];
  let cur: string[] = [];
  let curLetters = 0;
  let curLang: { ru: number; en: number } = { ru: 0, en: 0 };
  let prevWasHashtags = false;
  let prevLine = '';

  const flush = (): void => {
    const text = cur.join('\n').trim();
    if (text) posts.push(text);
    cur = [];
    curLetters = 0;
    curLang = { ru: 0, en: 0 };
    prevWasHashtags = false;
  };

  const rows = content.split('\n');
  const nextNonBlank = (i: number): string => {
    for (let k = i + 1; k < rows.length; k++) if (rows[k]!.trim()) return rows[k]!.trim();
    return '';
  };
  rows.forEach((raw, i) => {
    const line = raw.replace(/\s+$/, '');
    if (SEPARATOR_RE.test(line)) {
      flush();
      return;
    }
    const t = line.trim();
    if (!t) {
      if (cur.length) cur.push('');
      return;
    }
    // A headline alone does not make a post: "Поехали! 🇺🇳 / День 1 / 🇷🇺🇺🇳 20 сентября …".
    const hashtagLine = isHashtagLine(t);
    const substantive = curLetters >= 60;
    if (substantive && !(hashtagLine && prevWasHashtags)) {
      const lang = lineLang(t);
      const dominant: Lang | null = curLang.ru > curLang.en * 2 ? 'ru' : curLang.en > curLang.ru * 2 ? 'en' : null;
      const switched = lang !== null && dominant !== null && lang !== dominant;
      if (prevWasHashtags || switched || opensPost(t, prevWasHashtags, prevLine, nextNonBlank(i))) flush();
    }
    cur.push(line);
    if (!hashtagLine) {
      const n = letters(t);
      curLetters += n;
      const lang = lineLang(t);
      if (lang) curLang[lang] += n;
    }
    prevWasHashtags = hashtagLine && curLetters >= 60;
    prevLine = t;
  });
  flush();
  return posts;
}
