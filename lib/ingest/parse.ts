// One post in, its diplomatic events out. Pure and deterministic; never throws.
import { findDates, moscowDay, resolveDate, type DateContext } from './dates';
import { findMentions, findTopics, flagToEntity, isMultilateralOrg, tokenize, type Mention, type Token } from './vocab';
import {
  detectLang,
  findFlags,
  findHashtags,
  firstSentenceEnd,
  isHashtagLine,
  lines,
  skipMarkers,
  type Hashtag,
  type Span,
} from './text';
import type { EventType, Evidence, Lang, ParsedEvent, ParsedPerson, ParsedPost, ParseOptions, RawPost, Role } from './types';

// ---------------------------------------------------------------------------------------
// Trigger words. Each alternative starts at a word boundary (Unicode-aware lookbehind).

const B = '(?<![\\p{L}\\p{N}])';

const PHONE_RE = new RegExp(
  `${B}(?:телефонн\\p{L}*\\s+(?:разговор|переговор|беседа|контакт)\\p{L}*|по\\s+телефону|(?:tele)?phone\\s+(?:conversation|talks?|call)s?|(?:spoke|talked|speak)\\s+(?:by|on\\s+the|over\\s+the)\\s+(?:tele)?phone)`,
  'iu',
);

const TYPE_RE = new RegExp(
  [
    `(?<briefing>${B}(?:брифинг\\p{L}*|briefing))`,
    `(?<interview>${B}(?:интервью|interview(?:ed)?))`,
    `(?<speech>${B}(?:выступлени\\p{L}*|выступил\\p{L}*|выступая|remarks|speech|addressed|address\\s+(?:at|to|by|of)|spoke\\s+at|statement\\s+at|lecture|лекци\\p{L}*))`,
    `(?<statement>(?:#opinion|${B}(?:комментари\\p{L}*|заявлени\\p{L}*|statement|comments?|opinion|article|стать[яиюе]|ответ\\p{L}*\\s+на\\s+вопрос\\p{L}*|answers?\\s+to\\s+(?:a\\s+)?(?:media\\s+)?questions?|послани\\p{L}*|message\\s+to|greetings|приветстви\\p{L}*)))`,
    `(?<multi>${B}(?:заседани\\p{L}*|совещани\\p{L}*|саммит\\p{L}*|summit|session|ministerial|конференци\\p{L}*|conference|форум\\p{L}*|forum|took\\s+part\\s+in|attended|принял\\p{L}*\\s+участие|участвовал\\p{L}*))`,
    `(?<meeting>${B}(?:встреч\\p{L}*|встретил\\p{L}*|переговор\\p{L}*|бесед\\p{L}*|побеседовал\\p{L}*|консультаци\\p{L}*|talks|met|meets|meeting|conversation|consultations|received|принял(?!\\p{L}*\\s+участие)\\p{L}*|провел\\p{L}*\\s+переговор\\p{L}*))`,
    `(?<visit>${B}(?:визит\\p{L}*|visit\\p{L}*|прибыл\\p{L}*|arrived|посетил\\p{L}*|прилетел\\p{L}*))`,
  ].join('|'),
  'iu',
);

const TYPE_RE_G = new RegExp(TYPE_RE.source, 'giu');

const MULTI_HINT_RE = new RegExp(
  `${B}(?:министров|глав\\s+(?:государств|внешнеполитических|МИД|правительств|делегаций)|лидеров|ministers|leaders|heads\\s+of|member\\s+(?:states|countries)|государств[-\\s–]+член\\p{L}*|стран[-\\s–]+член\\p{L}*|участник\\p{L}*|ministerial|саммит\\p{L}*|summit|формат\\p{L}*|format|council|совет\\p{L}*)`,
  'iu',
);

// What follows these verbs is the agenda, not who met.
const DISCUSS_RE = new RegExp(
  `${B}(?:обсудил\\p{L}*|обсуждены|обсуждался|обсуждались|обменял\\p{L}*|условились|подтвердил\\p{L}*|отметил\\p{L}*|discussed|exchanged|agreed|reviewed|noted|reaffirmed|focused|to\\s+discuss|для\\s+обсуждения)`,
  'iu',
);

// Where the "with whom" phrase stops: the circumstances of the meeting follow these.
const SPAN_STOP_RE = new RegExp(
  `(?:«?${B}на\\s+полях»?|${B}в\\s+кулуарах|${B}в\\s+рамках|${B}в\\s+ходе|${B}по\\s+приглашению|${B}по\\s+случаю|${B}по\\s+итогам|${B}для\\s+обсуждения|${B}on\\s+the\\s+(?:sidelines|margins)|${B}in\\s+the\\s+margins|${B}as\\s+part\\s+of|${B}within\\s+the\\s+framework|${B}during|${B}at\\s+the\\s+invitation|${B}on\\s+the\\s+occasion|${B}following|${B}in\\s+the\\s+course|${B}in\\s+the\\s+context|${B}в\\s+формате|${B}in\\s+the\\s+format|${B}to\\s+discuss|${B}who\\s|${B}котор\\p{L}+|[(;:]|\\s[–—]\\s)`,
  'iu',
);

// Circumstance phrases whose organisations are the setting, not the contact.
const MASK_START_RE = new RegExp(
  `«?${B}(?:на\\s+полях|в\\s+кулуарах|в\\s+рамках|on\\s+the\\s+(?:sidelines|margins)\\s+of|in\\s+the\\s+margins\\s+of|as\\s+part\\s+of|within\\s+the\\s+framework\\s+of|organi[sz]ed\\s+as\\s+part|организованн\\p{L}*\\s+в\\s+рамках)»?`,
  'giu',
);
const MASK_END_RE = new RegExp(
  `[,.;:()]|${B}(?:состоял\\p{L}*|встретил\\p{L}*|провел\\p{L}*|провёл\\p{L}*|провели|принял\\p{L}*|прошл\\p{L}*|прош[её]л|обсудил\\p{L}*|подписал\\p{L}*|met|meets|held|had|took|attended|participated|spoke|signed|discussed|received)(?![\\p{L}])`,
  'iu',
);

const WITH_RE = new RegExp(
  `${B}(?:with|с|со)\\s+(?!(?:визитом|рабочим|официальным|государственным|целью|акцентом|учетом|учётом|участием|удовлетворением|тем|этим|a\\s+focus|regard|respect|the\\s+participation|the\\s+aim|a\\s+view|an?\\s+(?:official|working|state)\\s+visit)(?![\\p{L}]))`,
  'gu',
);

const SOURCE_LINE_RE = new RegExp(
  `^(?:Из\\s+(?:беседы|бесед|выступлени\\p{L}*|интервью|стать\\p{L}*|ответ\\p{L}*|заявлени\\p{L}*|пресс-конференци\\p{L}*|приветстви\\p{L}*|послани\\p{L}*|обращени\\p{L}*|комментари\\p{L}*|вступительного|речи|лекци\\p{L}*)|(?:Excerpts?\\s+)?[Ff]rom\\s+(?:the\\s+|an?\\s+|his\\s+|her\\s+)?(?:remarks|interview|statement|conversation|talks|article|answers?|speech|address|press\\s+conference|comments?|opening|lecture|message|greetings))`,
  'u',
);

// "(Moscow, September 19, 2023)" or a line "📍 Москва, 12 ноября 2023 года".
const DATELINE_RE = /(?:\(|^[ \t]*📍\uFE0F?[ \t]*)([\p{L} .\-–]{2,40}),[ \t]*([^()\n]{4,40}?\d{4}[^()\n]{0,12})(?:\)|[ \t]*$)/gmu;

const FUTURE_RE = new RegExp(
  `${B}(?:will|shall|scheduled|upcoming|planned|is\\s+to\\s+be|состоится|пройд[её]т|предстоящ\\p{L}*|запланирован\\p{L}*|намечен\\p{L}*|планируется)`,
  'iu',
);
const HISTORIC_PREFIX_RE = /(?:^|[^\p{L}])(?:от|dated|since|until|till|до|по|from|of|by)\s*$/iu;

const FLAG_PAIR_LEAD_RE = /^(?:[\u{1F1E6}-\u{1F1FF}]{2}){2}/u;
const BULLET_RE = /^[•▪◾◽▫‣●·◦*◆◇▶►➡🔹🔸🔺🔻✅✔️☑️📌📍🔷🔶-]/u;
const TITLE_WORD_RE =
  /^(?:министр\p{L}*|minister\p{L}*|foreign|affairs|deputy|prime|premier|president\p{L}*|vice|director\p{L}*|general\p{L}*|secretary\p{L}*|chair\p{L}*|head|ambassador|permanent|representative|special|envoy|speaker|king|queen|crown|prince|emir|sultan|sheikh|high|commissioner|presidential|leadership|council|expatriates|state|member|co-chair|adviser|advisor|assistant|first|acting|federal|chancellor|governor|mayor|председател\p{L}*|президент\p{L}*|генеральн\p{L}*|заместител\p{L}*|премьер\p{L}*|секретар\p{L}*|руководящ\p{L}*|руководител\p{L}*|посл\p{L}*|глав\p{L}*|директор\p{L}*|верховн\p{L}*|спикер\p{L}*|государственн\p{L}*|корол\p{L}*|наследн\p{L}*|принц\p{L}*|эмир\p{L}*|султан\p{L}*|вице\p{L}*|канцлер\p{L}*|постоянн\p{L}*|представител\p{L}*|специальн\p{L}*|помощник\p{L}*|советник\p{L}*|член\p{L}*|министерств\p{L}*|совет\p{L}*|комисси\p{L}*|парламент\p{L}*|палат\p{L}*|собрани\p{L}*|иностранных|дел|делам)$/iu;
const FUNCTION_WORD_RE = /^(?:the|of|and|to|for|at|in|и|по|при)$/u;
const ADJ_FORM_RE = /(?:ск|цк|н|в)(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими|ый|ым|ых|ыми)$/u;
const NAME_PARTICLE_RE = /^(?:al|el|de|da|del|dos|das|bin|ibn|van|von|der|la|le|di|аль|эль|де|да|бин|ибн|ван|фон)$/u;

// ---------------------------------------------------------------------------------------

interface Ctx {
  text: string;
  tokens: Token[];
  maskCache: Map<number, Span[]>;
  lang: Lang;
  mentions: Mention[];
  hashtags: Hashtag[];
  hashtagMentions: { tag: Hashtag; mentions: Mention[]; words: string }[];
  dateCtx: DateContext;
}

interface Draft {
  type: EventType;
  trigger: { start: number; end: number } | null;
  countries: Map<string, { role: Role; phrase: string }>;
  orgs: Map<string, { role: Role; phrase: string }>;
  people: { person: ParsedPerson; phrase: string }[];
}

function emptyPost(lang: Lang): ParsedPost {
  return { lang, hashtags: [], events: [] };
}

export function parsePost(post: RawPost, opts: ParseOptions = {}): ParsedPost {
  let lang: Lang = 'ru';
  try {
    lang = langOf(post);
    return parseText(textOf(post), lang, postedAtOf(post), opts);
  } catch (err) {
    // A parser bug must not stop an ingest run: the post is kept, without events, and the
    // failure is reported with it so that it is stored and counted, never swallowed.
    return { ...emptyPost(lang), error: err instanceof Error ? err.message : String(err) };
  }
}

/** parsePost without its safety net, so that tests see the bugs the net would hide. */
export function parsePostOrThrow(post: RawPost, opts: ParseOptions = {}): ParsedPost {
  return parseText(textOf(post), langOf(post), postedAtOf(post), opts);
}

function textOf(post: RawPost): string {
  return typeof post?.text === 'string' ? post.text : '';
}

function langOf(post: RawPost): Lang {
  return post?.lang === 'en' || post?.lang === 'ru' ? post.lang : detectLang(textOf(post));
}

function postedAtOf(post: RawPost): Date | null {
  return post?.postedAt instanceof Date && !Number.isNaN(post.postedAt.getTime()) ? post.postedAt : null;
}

function parseText(text: string, lang: Lang, postedAt: Date | null, opts: ParseOptions): ParsedPost {
  const tokens = tokenize(text);
  const mentions = findMentions(text, tokens);
  const hashtags = findHashtags(text);
  const ctx: Ctx = {
    text,
    tokens,
    maskCache: new Map(),
    lang,
    mentions,
    hashtags,
    hashtagMentions: hashtags.map((tag) => ({ tag, words: tag.words, mentions: findMentions(tag.words) })),
    dateCtx: {
      postedDay: postedAt ? moscowDay(postedAt) : null,
      year: opts.year ?? null,
    },
  };
  const result: ParsedPost = { lang, hashtags: hashtags.map((h) => h.text), events: [] };
  const ls = lines(text);
  if (ls.length === 0) return result;

  const digest = digestLines(ctx, ls);
  if (digest) {
    result.events = digest;
    return result;
  }
  const ev = singleEvent(ctx, ls);
  if (ev) result.events.push(ev);
  return result;
}

// ---------------------------------------------------------------------------------------
// Lead, type, counterparts

function slice(ctx: Ctx, s: Span): string {
  return ctx.text.slice(s.start, s.end);
}

function inSpan(m: { start: number; end: number }, s: Span): boolean {
  return m.start >= s.start && m.end <= s.end;
}

/** Offsets of circumstance phrases ("on the sidelines of the UNGA") inside a span. */
function maskedRanges(ctx: Ctx, s: Span): Span[] {
  const key = s.start * 1_000_003 + s.end;
  const cached = ctx.maskCache.get(key);
  if (cached) return cached;
  const out: Span[] = [];
  ctx.maskCache.set(key, out);
  const str = slice(ctx, s);
  MASK_START_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MASK_START_RE.exec(str)) !== null) {
    const rest = str.slice(m.index + m[0].length);
    const e = MASK_END_RE.exec(rest);
    const len = e ? e.index : rest.length;
    out.push({ start: s.start + m.index, end: s.start + m.index + m[0].length + len });
    MASK_START_RE.lastIndex = m.index + m[0].length + Math.max(len, 0);
  }
  return out;
}

function isMasked(pos: number, masks: Span[]): boolean {
  return masks.some((r) => pos >= r.start && pos < r.end);
}

interface TypeHit {
  type: EventType;
  start: number;
  end: number;
}

function detectType(ctx: Ctx, s: Span, masks: Span[]): TypeHit | null {
  const str = slice(ctx, s);
  const phone = PHONE_RE.exec(str);
  if (phone) return { type: 'phone_call', start: s.start + phone.index, end: s.start + phone.index + phone[0].length };
  const re = TYPE_RE_G;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(str)) !== null) {
    const start = s.start + m.index;
    if (isMasked(start, masks)) continue;
    const g = m.groups ?? {};
    const type: EventType | 'multi' =
      g.briefing !== undefined
        ? 'briefing'
        : g.interview !== undefined
          ? 'interview'
          : g.speech !== undefined
            ? 'speech'
            : g.statement !== undefined
              ? 'statement'
              : g.multi !== undefined
                ? 'multi'
                : g.meeting !== undefined
                  ? 'meeting'
                  : 'visit';
    return { type: type === 'multi' ? 'multilateral' : type, start, end: start + m[0].length };
  }
  return null;
}

/** The phrase naming whom the principal met: after "with"/"с", up to the circumstances. */
function withSpan(ctx: Ctx, lead: Span, from: number): Span | null {
  const str = ctx.text.slice(from, lead.end);
  WITH_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WITH_RE.exec(str)) !== null) {
    // "С.В.Лавров": a capital initial is not the preposition.
    if (m[0][0] === 'С' && /^С\s*\./.test(str.slice(m.index))) continue;
    if (m[0][0] === 'С' && m.index > 0) continue;
    const start = from + m.index + m[0].length;
    const rest = ctx.text.slice(start, lead.end);
    const stop = SPAN_STOP_RE.exec(rest);
    let end = stop ? start + stop.index : lead.end;
    // "… in New York" / "… в Москве" ends the phrase too.
    for (const mm of ctx.mentions) {
      if (mm.kind !== 'place' || mm.start < start || mm.start >= end) continue;
      const before = ctx.text.slice(Math.max(start, mm.start - 4), mm.start);
      if (/(?:^|\s)(?:in|at|в|во)\s+$/iu.test(before)) {
        end = mm.start - before.length + (before.match(/^\s*/)?.[0].length ?? 0);
        break;
      }
    }
    while (end > start && /[\s,.!]/.test(ctx.text[end - 1])) end--;
    if (end > start) return { start, end };
  }
  return null;
}

function precededByLocative(ctx: Ctx, m: Mention): boolean {
  const before = ctx.text.slice(Math.max(0, m.start - 12), m.start);
  return /(?:^|\s)(?:to|at|in|при|в|во|accredited\s+to)\s+(?:the\s+)?$/iu.test(before);
}

function addEntity(d: Draft, m: Mention, role: Role, phrase: string): void {
  if (m.kind === 'country') {
    if (m.code === 'RU') return;
    const cur = d.countries.get(m.code);
    if (!cur || (cur.role === 'mentioned' && role === 'counterpart')) d.countries.set(m.code, { role, phrase });
  } else if (m.kind === 'org') {
    const cur = d.orgs.get(m.code);
    if (!cur || (cur.role === 'mentioned' && role === 'counterpart')) d.orgs.set(m.code, { role, phrase });
  }
}

function addCode(d: Draft, kind: 'country' | 'org', code: string, role: Role, phrase: string): void {
  addEntity(d, { kind, code, via: 'name', start: 0, end: 0, t0: 0, t1: 0 }, role, phrase);
}

/** People named in the "with" phrase: "Foreign Minister of Jordan Ayman Safadi", "И.Хилем". */
function peopleIn(ctx: Ctx, span: Span, country: string | null): { person: ParsedPerson; phrase: string }[] {
  const str = slice(ctx, span);
  const out: { person: ParsedPerson; phrase: string }[] = [];
  // Russian initials: "А.Сафади", "С.Джайшанкаром", "Р.Гросси".
  const initials = /(?<![\p{L}])(?:\p{Lu}\.\s?){1,2}\p{Lu}[\p{Ll}’'-]+(?:[-\s]\p{Lu}[\p{Ll}’'-]+)?/gu;
  let m: RegExpExecArray | null;
  const used: Span[] = [];
  while ((m = initials.exec(str)) !== null) {
    out.push({ person: { name: m[0].trim(), title: titleBefore(str, m.index), country }, phrase: m[0].trim() });
    used.push({ start: m.index, end: m.index + m[0].length });
  }
  if (out.length) return out;
  // Otherwise the last run of capitalised words that are neither titles nor vocabulary.
  const toks = tokenize(str);
  const vocab = findMentions(str, toks);
  // Marked once: looked up per token, a phrase full of names would cost time quadratic in its length.
  const vocabToken = new Uint8Array(toks.length);
  for (const v of vocab) vocabToken.fill(1, v.t0, v.t1);
  const isVocab = (i: number): boolean => vocabToken[i] === 1;
  let end = toks.length;
  const notName = (t: { raw: string }): boolean => TITLE_WORD_RE.test(t.raw) || FUNCTION_WORD_RE.test(t.raw) || (/[а-яё]$/u.test(t.raw) && ADJ_FORM_RE.test(t.raw));
  while (end > 0 && (isVocab(end - 1) || notName(toks[end - 1]) || !/^\p{Lu}/u.test(toks[end - 1].raw))) end--;
  let start = end;
  while (start > 0) {
    const t = toks[start - 1];
    const gap = str.slice(t.end, toks[start]?.start ?? t.end);
    if (!/^[\s\-’']*$/.test(gap)) break;
    if (isVocab(start - 1) || notName(t)) break;
    if (!/^\p{Lu}/u.test(t.raw) && !NAME_PARTICLE_RE.test(t.raw)) break;
    start--;
  }
  while (start < end && NAME_PARTICLE_RE.test(toks[start].raw)) start++;
  if (end > start && end - start <= 5) {
    const name = str.slice(toks[start].start, toks[end - 1].end);
    out.push({ person: { name, title: titleBefore(str, toks[start].start), country }, phrase: name });
  }
  return out;
}

function titleBefore(str: string, pos: number): string | null {
  const t = str
    .slice(0, pos)
    .replace(/^\s*(?:the\s+)?/i, '')
    .replace(/[\s,]+$/, '')
    .trim();
  return t.length >= 3 && t.length <= 160 ? t : null;
}

function newDraft(type: EventType): Draft {
  return { type, trigger: null, countries: new Map(), orgs: new Map(), people: [] };
}

/**
 * Decides type and counterparts of the event a lead phrase reports. `line` is the lead
 * sentence (or a digest line); `extraCounterparts` adds the flag pair and Russia+X hashtags.
 */
function analyseLead(ctx: Ctx, line: Span): Draft | null {
  const masks = maskedRanges(ctx, line);
  const hit = detectType(ctx, line, masks);
  if (!hit) return null;
  const d = newDraft(hit.type);
  d.trigger = { start: hit.start, end: hit.end };
  const inLead = ctx.mentions.filter((m) => inSpan(m, line) && (m.kind === 'country' || m.kind === 'org'));
  const unmasked = inLead.filter((m) => !isMasked(m.start, masks));

  if (hit.type === 'meeting' || hit.type === 'multilateral' || hit.type === 'phone_call' || hit.type === 'visit') {
    const span = withSpan(ctx, line, hit.end);
    const inWith = span ? inLead.filter((m) => inSpan(m, span) && !precededByLocative(ctx, m)) : [];
    const nonRu = inWith.filter((m) => !(m.kind === 'country' && m.code === 'RU'));
    const people = span ? peopleIn(ctx, span, nonRu.find((m) => m.kind === 'country')?.code ?? null) : [];
    if (span && (nonRu.length || people.length)) {
      if (d.type === 'multilateral') d.type = 'meeting';
      for (const m of nonRu) addEntity(d, m, 'counterpart', ctx.text.slice(m.start, m.end));
      d.people = people;
    } else if (d.type === 'visit') {
      // "arrived in Pyongyang on an official visit": the host is the first country after the verb.
      const host = unmasked.find((m) => m.kind === 'country' && m.code !== 'RU' && m.start >= hit.start);
      if (host) addEntity(d, host, 'counterpart', ctx.text.slice(host.start, host.end));
    } else {
      const rest = slice(ctx, { start: hit.start, end: line.end });
      const agenda = DISCUSS_RE.exec(rest);
      const cut = agenda ? hit.start + agenda.index : line.end;
      const after = ctx.text.slice(hit.start, cut);
      const parties = unmasked.filter((m) => m.start < cut);
      const orgs = parties.filter((m) => m.kind === 'org');
      const multi = d.type === 'multilateral' || orgs.some((m) => isMultilateralOrg(m.code)) || MULTI_HINT_RE.test(after);
      if (multi && d.type !== 'phone_call') {
        d.type = 'multilateral';
        const chosen = orgs.length ? [orgs[0], ...orgs.slice(1).filter((o) => o.code !== orgs[0].code && !precededByLocative(ctx, o))] : parties.filter((m) => m.kind === 'country');
        for (const m of chosen) addEntity(d, m, 'counterpart', ctx.text.slice(m.start, m.end));
      } else {
        // "Sergey Lavrov and Hakan Fidan held talks": the counterpart is in the subject.
        for (const m of parties) addEntity(d, m, 'counterpart', ctx.text.slice(m.start, m.end));
      }
    }
  } else if (hit.type === 'speech') {
    // The forum spoken at ("at the UN Security Council") is what the speech addresses.
    for (const m of unmasked) if (m.kind === 'org' && m.start > hit.start) addEntity(d, m, 'counterpart', ctx.text.slice(m.start, m.end));
  }
  return d;
}

function leadSentence(ctx: Ctx, l: Span): Span {
  const start = skipMarkers(ctx.text, l.start, l.end);
  return { start, end: firstSentenceEnd(ctx.text, start, l.end) };
}

// ---------------------------------------------------------------------------------------
// Dates, principal, venue

function dateIn(ctx: Ctx, s: Span, masks: Span[] = []): { date: string; phrase: string } | null {
  for (const d of findDates(ctx.text, s.start, s.end)) {
    if (isMasked(d.start, masks)) continue;
    const before = ctx.text.slice(Math.max(s.start, d.start - 30), d.start);
    if (HISTORIC_PREFIX_RE.test(before)) continue;
    if (FUTURE_RE.test(ctx.text.slice(s.start, d.start).slice(-60))) continue;
    const iso = resolveDate(d, ctx.dateCtx);
    if (iso) return { date: iso, phrase: d.text };
  }
  return null;
}

/** "(Moscow, September 19, 2023)": where and when a text was delivered. */
function dateline(ctx: Ctx, s: Span): { date: string | null; datePhrase: string; place: string | null; placePhrase: string } | null {
  const str = slice(ctx, s);
  DATELINE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATELINE_RE.exec(str)) !== null) {
    const at = s.start + m.index;
    const dates = findDates(ctx.text, at, at + m[0].length);
    if (!dates.length) continue;
    const iso = resolveDate(dates[0], ctx.dateCtx);
    const placeStart = at + m[0].indexOf(m[1]);
    const placeEnd = placeStart + m[1].length;
    const place = ctx.mentions.find((mm) => mm.kind === 'place' && mm.start >= placeStart && mm.end <= placeEnd);
    return {
      date: iso,
      datePhrase: dates[0].text,
      place: place?.code ?? null,
      placePhrase: place ? ctx.text.slice(place.start, place.end) : ctx.text.slice(placeStart, placeEnd),
    };
  }
  return null;
}

function principalIn(ctx: Ctx, s: Span, exclude: Span | null): { name: string; phrase: string } | null {
  for (const m of ctx.mentions) {
    if (m.kind !== 'principal' || !inSpan(m, s)) continue;
    if (exclude && inSpan(m, exclude)) continue;
    return { name: m.code, phrase: ctx.text.slice(m.start, m.end) };
  }
  return null;
}

const UNGA_RE = /Генеральн\p{L}*\s+Ассамбле\p{L}*|Генассамбле\p{L}*|ГА\s+ООН|General\s+Assembly|UNGA/u;

function venueIn(ctx: Ctx, s: Span): { name: string; phrase: string } | null {
  for (const m of ctx.mentions) {
    if (m.kind !== 'place' || !inSpan(m, s)) continue;
    const before = ctx.text.slice(Math.max(0, m.start - 6), m.start);
    // A venue is where something happens: "in New York", "в Москве", a dateline.
    if (/(?:^|[\s(])(?:in|at|в|во|\()\s*$/iu.test(before) || /\($/.test(before) || /штаб-квартир|Headquarters/u.test(ctx.text.slice(m.start, m.end))) {
      return { name: m.code, phrase: ctx.text.slice(m.start, m.end) };
    }
  }
  const masks = maskedRanges(ctx, s);
  for (const r of masks) {
    const str = ctx.text.slice(r.start, r.end);
    const u = UNGA_RE.exec(str);
    if (u) return { name: 'New York', phrase: u[0] };
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Assembling events

// Where a meeting took place says nothing of what it was about: "on the sidelines of the UN
// General Assembly" is not a UN topic, and an organisation's name ("International Atomic Energy
// Agency", "Collective Security Treaty Organisation") is not its subject. No topic phrase is
// read from those spans.
const SIDELINES_RE =
  /(?:on the sidelines of|on the margins of|«?на полях»?)[^.\n]{0,90}?(?:General\s+Assembly|UNGA|Генеральной\s+Ассамблеи(?:\s+ООН)?|Генассамблеи(?:\s+ООН)?|ГА\s+ООН)/giu;

// The Security Council is a UN body (its "ООН"/"UN" beside it stays), not the security topic.
const SECURITY_COUNCIL_RE = /Security\s+Council|Совет\p{L}*\s+Безопасности|(?<![\p{L}])СБ(?![\p{L}])/gu;

function offTopicSpans(ctx: Ctx): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  for (const m of ctx.mentions) if (m.kind === 'org' && m.via === 'name' && m.code !== 'UN') spans.push(m);
  for (const re of [SIDELINES_RE, SECURITY_COUNCIL_RE]) {
    for (const m of ctx.text.matchAll(re)) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

function finish(
  ctx: Ctx,
  d: Draft,
  parts: {
    date: { date: string; phrase: string } | null;
    principal: { name: string; phrase: string } | null;
    venue: { name: string; phrase: string } | null;
    title: string;
    summary: string;
    topicText: string;
    fromDigest: boolean;
  },
): ParsedEvent {
  const evidence: Evidence[] = [];
  if (parts.date) evidence.push({ field: 'date', value: parts.date.date, phrase: parts.date.phrase });
  if (d.trigger) evidence.push({ field: 'type', value: d.type, phrase: ctx.text.slice(d.trigger.start, d.trigger.end) });
  for (const [code, c] of d.countries) evidence.push({ field: 'country', value: code, phrase: c.phrase });
  for (const [code, c] of d.orgs) evidence.push({ field: 'organization', value: code, phrase: c.phrase });
  const topics = parts.topicText === ctx.text ? findTopics(ctx.text, ctx.tokens, offTopicSpans(ctx)) : findTopics(parts.topicText);
  for (const t of topics) for (const p of t.phrases) evidence.push({ field: 'topic', value: t.code, phrase: p });
  for (const p of d.people) evidence.push({ field: 'person', value: p.person.name, phrase: p.phrase });
  if (parts.principal) evidence.push({ field: 'principal', value: parts.principal.name, phrase: parts.principal.phrase });
  if (parts.venue) evidence.push({ field: 'venue', value: parts.venue.name, phrase: parts.venue.phrase });
  const seen = new Set<string>();
  const people = d.people
    .map((p) => p.person)
    .filter((p) => (seen.has(p.name) ? false : (seen.add(p.name), true)));
  return {
    date: parts.date?.date ?? null,
    type: d.type,
    countries: [...d.countries].map(([code, c]) => ({ code, role: c.role })),
    organizations: [...d.orgs].map(([code, c]) => ({ code, role: c.role })),
    people,
    principal: parts.principal?.name ?? null,
    venue: parts.venue?.name ?? null,
    title: clip(parts.title, 200),
    summary: clip(parts.summary, 600),
    topics,
    evidence,
    fromDigest: parts.fromDigest,
  };
}

function clip(s: string, n: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= n ? t : t.slice(0, n - 1).trimEnd() + '…';
}

const CONTACT = new Set<EventType>(['meeting', 'phone_call', 'multilateral']);

/** Flags on the first line and "#RussiaX" hashtags name the counterpart of a bilateral post. */
function addPostMarkers(ctx: Ctx, d: Draft, firstLine: Span): void {
  const flags = findFlags(ctx.text.slice(firstLine.start, Math.min(firstLine.end, firstLine.start + 60)));
  const hasRussia = flags.some((f) => f.code === 'RU');
  if (hasRussia || flags.length === 1) {
    for (const f of flags) {
      const e = flagToEntity(f.code);
      const phrase = ctx.text.slice(firstLine.start + f.start, firstLine.start + f.end);
      if (e && !(e.kind === 'country' && e.code === 'RU')) addCode(d, e.kind, e.code, 'counterpart', phrase);
    }
  }
  for (const h of ctx.hashtagMentions) {
    const first = h.mentions[0];
    if (!first || first.kind !== 'country' || first.code !== 'RU' || first.t0 !== 0) continue;
    for (const m of h.mentions.slice(1)) {
      if (m.kind === 'country' || m.kind === 'org') addEntity(d, m, 'counterpart', h.tag.text);
    }
  }
}

function addMentioned(ctx: Ctx, d: Draft, s: Span): void {
  for (const m of ctx.mentions) {
    if ((m.kind === 'country' || m.kind === 'org') && inSpan(m, s)) addEntity(d, m, 'mentioned', ctx.text.slice(m.start, m.end));
  }
  for (const h of ctx.hashtagMentions) {
    if (!inSpan(h.tag, s)) continue;
    for (const m of h.mentions) addEntity(d, m, 'mentioned', h.tag.text);
  }
}

function singleEvent(ctx: Ctx, ls: Span[]): ParsedEvent | null {
  const text = ctx.text;
  const whole: Span = { start: 0, end: text.length };
  const source = ls.find((l) => SOURCE_LINE_RE.test(text.slice(skipMarkers(text, l.start, l.end), l.end)));
  const candidates = source ? [source, ls[0]] : [ls[0], ...ls.slice(1, 3)];
  let d: Draft | null = null;
  let lead: Span = leadSentence(ctx, ls[0]);
  let leadLine: Span = ls[0];
  for (const l of candidates) {
    const s = leadSentence(ctx, l);
    const got = analyseLead(ctx, s) ?? (s.end < l.end ? analyseLead(ctx, { start: s.start, end: l.end }) : null);
    if (got) {
      d = got;
      lead = s;
      leadLine = l;
      break;
    }
    if (l === ls[0] && isHashtagLine(slice(ctx, l)) === false && source === undefined && slice(ctx, l).length > 200) break;
  }
  if (!d) {
    // Quotes and columns without a headline verb are statements of the person quoted;
    // other posts are kept as events only when they say who or when.
    const quote = /^[\s\S]{0,400}(?:💬|«|“|")/u.test(text) || /:\s*$/.test(slice(ctx, ls[0]));
    const someone = ctx.mentions.some((m) => m.kind === 'principal' && m.start < ls[0].end);
    if (!quote && !someone && !findDates(text, lead.start, lead.end).length) return null;
    d = newDraft(quote ? 'statement' : 'other');
  }
  const masks = maskedRanges(ctx, lead);
  const dl = dateline(ctx, leadLine) ?? dateline(ctx, whole);
  let date = dateIn(ctx, lead, masks) ?? dateIn(ctx, lead);
  if (!date && dl?.date) date = { date: dl.date, phrase: dl.datePhrase };
  if (!date) {
    const first = leadSentence(ctx, ls[0]);
    if (first.start !== lead.start) date = dateIn(ctx, first, maskedRanges(ctx, first));
  }
  if (!date && ctx.dateCtx.postedDay) date = { date: ctx.dateCtx.postedDay, phrase: '' };

  if (CONTACT.has(d.type) && d.type !== 'multilateral') addPostMarkers(ctx, d, ls[0]);
  if (CONTACT.has(d.type) && d.countries.size === 0 && d.orgs.size === 0) d.type = 'other';
  addMentioned(ctx, d, whole);

  const counterpartSpan = withSpanOf(ctx, d, lead);
  const principal =
    principalIn(ctx, lead, counterpartSpan) ??
    principalIn(ctx, leadLine, counterpartSpan) ??
    principalIn(ctx, ls[0], null) ??
    (d.type === 'statement' || d.type === 'briefing' ? principalIn(ctx, whole, null) : null);
  const venue =
    venueIn(ctx, lead) ?? (dl?.place ? { name: dl.place, phrase: dl.placePhrase } : null) ?? venueIn(ctx, leadLine) ?? venueIn(ctx, ls[0]);
  const ev = finish(ctx, d, {
    date,
    principal,
    venue,
    title: slice(ctx, lead),
    summary: text.slice(skipMarkers(text, ls[0].start, ls[0].end), Math.min(text.length, ls[0].start + 800)),
    topicText: text,
    fromDigest: false,
  });
  // Evidence must quote the text; a date taken from the timestamp has no phrase.
  ev.evidence = ev.evidence.filter((e) => e.phrase !== '');
  return ev;
}

function withSpanOf(ctx: Ctx, d: Draft, lead: Span): Span | null {
  return d.trigger ? withSpan(ctx, lead, d.trigger.end) : null;
}

// ---------------------------------------------------------------------------------------
// Digests: "День 1 … • Встреча с … • Рабочая встреча … ОДКБ."

function digestLines(ctx: Ctx, ls: Span[]): ParsedEvent[] | null {
  if (ls.length < 3) return null;
  const text = ctx.text;
  const first = leadSentence(ctx, ls[0]);
  const firstHit = detectType(ctx, first, maskedRanges(ctx, first));
  if (firstHit && (firstHit.type === 'briefing' || firstHit.type === 'interview')) return null;
  const bulletIdx: number[] = [];
  ls.forEach((l, i) => {
    const str = slice(ctx, l);
    // Items are bullets, or short undated lines headed by a flag pair ("🇷🇺🇹🇷 Переговоры с …").
    const flagItem = i > 0 && FLAG_PAIR_LEAD_RE.test(str) && str.length < 200 && findDates(text, l.start, l.end).length === 0;
    if ((!BULLET_RE.test(str) && !flagItem) || str.length > 400) return;
    const body = { start: skipMarkers(text, l.start, l.end), end: l.end };
    if (detectType(ctx, body, [])) bulletIdx.push(i);
  });
  if (bulletIdx.length < 2) return null;
  const firstB = bulletIdx[0];
  const lastB = bulletIdx[bulletIdx.length - 1];
  // A numbered headline with its own event verb before the list is a post, not a digest.
  if (firstHit && CONTACT.has(firstHit.type) && firstB > 0 && analyseLead(ctx, first)?.countries.size) {
    return null;
  }
  const header: Span = { start: ls[0].start, end: ls[firstB].start };
  const headerDate = dateIn(ctx, header) ?? (ctx.dateCtx.postedDay ? { date: ctx.dateCtx.postedDay, phrase: '' } : null);
  const headerPrincipal = principalIn(ctx, header, null);
  const headerVenue = venueIn(ctx, header);
  const events: ParsedEvent[] = [];
  for (let i = firstB; i <= Math.min(ls.length - 1, lastB + 1); i++) {
    const l = ls[i];
    const str = slice(ctx, l);
    if (isHashtagLine(str) || str.length > 400) continue;
    const body: Span = { start: skipMarkers(text, l.start, l.end), end: l.end };
    const d = analyseLead(ctx, body);
    if (!d) continue;
    if (CONTACT.has(d.type) && d.countries.size === 0 && d.orgs.size === 0) continue;
    addMentioned(ctx, d, body);
    const span = withSpanOf(ctx, d, body);
    const ev = finish(ctx, d, {
      date: dateIn(ctx, body) ?? headerDate,
      principal: principalIn(ctx, body, span) ?? headerPrincipal,
      venue: venueIn(ctx, body) ?? headerVenue,
      title: slice(ctx, body),
      summary: slice(ctx, body),
      topicText: slice(ctx, body),
      fromDigest: true,
    });
    ev.evidence = ev.evidence.filter((e) => e.phrase !== '');
    events.push(ev);
  }
  return events;
}
