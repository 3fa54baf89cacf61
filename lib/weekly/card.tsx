// The weekly summary as a picture (PNG), drawn without a browser: satori lays the card out as an
// SVG with the text as outlines, resvg (native) paints it. (next/og wraps the same two, with resvg
// in WebAssembly: three to four times slower per card, and it fetches a font from the network
// for any character the given fonts lack.) The same summary serves /weekly/[week]/image.png, the
// shared-link preview and `npm run weekly`.
import fs from 'node:fs';
import path from 'node:path';
import satori from 'satori';
import { Resvg } from '@resvg/resvg-js';
import type { WeeklySummary } from '@/db/queries/weekly';
import type { EventSummary } from '@/db/queries/events';
import type { CodeCount, Headline } from '@/db/queries/stats';
import { countryName } from '@/lib/domain/geo';
import { eventTypeColor, eventTypeLabel } from '@/lib/domain/events';
import { orgLabel, topicLabel } from '@/lib/domain/labels';
import { formatDayMonth, formatWeekRange, shiftWeek } from '@/lib/domain/calendar';
import { formatNumber, nounFor, plural } from '@/lib/domain/words';
import { worldMapSvg } from './map-svg';

export const CARD_SIZES = { wide: { width: 1200, height: 675 }, square: { width: 1080, height: 1080 } } as const;
export type CardSize = keyof typeof CARD_SIZES;

const INK = '#1b1f24';
const MUTED = '#5b6470';
const BORDER = '#dde1e6';

const FONT_DIR = path.join(process.cwd(), 'node_modules/@fontsource/noto-sans/files');
const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'] as const;
type Font = { name: string; data: Buffer; weight: 400 | 700; style: 'normal' };
// One array for the process: satori parses the fonts once per array it is given.
let fonts: Font[] | null = null;

export function loadFonts() {
  fonts ??= SUBSETS.flatMap((subset) =>
    ([400, 700] as const).map((weight) => ({
      // One family name per subset: the renderer picks, glyph by glyph, a family that has it.
      name: `Noto Sans ${subset}`,
      data: fs.readFileSync(path.join(FONT_DIR, `noto-sans-${subset}-${weight}-normal.woff`)),
      weight,
      style: 'normal' as const,
    })),
  );
  return fonts;
}
// 'Noto Sans' is the family the browser gets from @fontsource/noto-sans when the card is a page.
export const FAMILY = ['Noto Sans', ...SUBSETS.map((s) => `Noto Sans ${s}`)].join(', ');

let covered: [number, number][] | null = null;

/** The code points the vendored subsets cover, from the font package's own map of its subsets. */
function coverage(): [number, number][] {
  if (covered) return covered;
  const bySubset = JSON.parse(fs.readFileSync(path.join(FONT_DIR, '../unicode.json'), 'utf8')) as Record<string, string>;
  covered = SUBSETS.flatMap((subset) =>
    (bySubset[subset] ?? '').split(',').map((r): [number, number] => {
      const [lo = '', hi = lo] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(lo, 16), parseInt(hi, 16)];
    }),
  ).filter(([lo, hi]) => Number.isFinite(lo) && Number.isFinite(hi));
  if (!covered.length) throw new Error('the card font package lists no character ranges (unicode.json)');
  return covered;
}

/**
 * Keeps the characters the vendored fonts draw (Latin, Cyrillic, punctuation and the symbols
 * their subsets cover); anything else (emoji, other scripts) is left out rather than drawn as
 * an empty box.
 */
export function printable(s: string): string {
  const ranges = coverage();
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (/\s/.test(ch)) out += ' ';
    else if (c >= 0x20 && c !== 0xfeff && ranges.some(([lo, hi]) => c >= lo && c <= hi)) out += ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}

export interface CardContext {
  /** "all", or the filters in words. */
  filters: string;
  /** Channels the data comes from. */
  sources: string[];
  /** What the counted events are called: "contact"/"contacts", "statement"/"statements". */
  noun: { one: string; other: string };
}

function change(now: number, before: number): { text: string; color: string } {
  const d = now - before;
  if (d === 0) return { text: 'no change', color: MUTED };
  return d > 0 ? { text: `+${d}`, color: '#1a7f37' } : { text: `-${-d}`, color: '#b42318' };
}

function eventLine(e: EventSummary): string {
  const day = e.date ? formatDayMonth(e.date) : '';
  const counterparts = [
    ...e.countries.filter((c) => c.role === 'counterpart').map((c) => countryName(c.code)),
    ...e.organizations.filter((o) => o.role === 'counterpart').map((o) => o.code),
  ];
  const who = [e.principal?.split(' ').slice(-1)[0], e.people[0]?.name].filter(Boolean).join('–');
  return printable(`${day} · ${eventTypeLabel(e.type)} · ${counterparts.join(', ') || '—'}${who ? ` · ${who}` : ''}`);
}

/** What a summary card shows: a week, or any filtered view of the dashboard. */
export interface CardData {
  title: string;
  /** What the change is measured against: "week 37", "previous 30 days". */
  previousLabel: string;
  current: Headline;
  /** Null when the period before begins before the data: no change is shown. */
  previous: Headline | null;
  countries: CodeCount[];
  organizations: CodeCount[];
  topics: CodeCount[];
  keyEvents: EventSummary[];
  emptyText: string;
}

export function weeklyCardData(s: WeeklySummary): CardData {
  return {
    title: `Week ${s.week.week}, ${formatWeekRange(s.week)}`,
    previousLabel: `week ${shiftWeek(s.week, -1).week}`,
    current: s.current,
    previous: s.previous,
    countries: s.countries,
    organizations: s.organizations,
    topics: s.topics,
    keyEvents: s.keyEvents,
    emptyText: 'No events this week under these filters.',
  };
}

export function SummaryCard({ s, ctx, size }: { s: CardData; ctx: CardContext; size: CardSize }) {
  const { width, height } = CARD_SIZES[size];
  const square = size === 'square';
  const mapW = square ? width - 80 : 640;
  const mapH = square ? 340 : 300;
  const counts = new Map(s.countries.map((c) => [c.code, c.count]));
  const svg = worldMapSvg(counts, mapW, mapH, { empty: '#eceff3', stroke: '#ffffff' });
  const c = s.previous ? change(s.current.contacts, s.previous.contacts) : null;
  const empty = s.current.contacts === 0 && s.keyEvents.length === 0;
  // As many rows as the card has room for, at either size: nothing is cut, and what does not
  // fit is counted ("+6 more").
  const rows = 5;
  const counterparts = [...s.countries.map((t) => ({ label: countryName(t.code), count: t.count })), ...s.organizations.map((o) => ({ label: orgLabel(o.code).en.length <= 28 ? orgLabel(o.code).en : o.code, count: o.count }))];
  const topics = s.topics.slice(0, square ? 3 : 2);
  const events = s.keyEvents.slice(0, square ? 5 : 4);
  const moreEvents = Math.max(0, s.current.contacts - events.length);

  return (
    <div style={{ width, height, display: 'flex', flexDirection: 'column', background: '#ffffff', color: INK, fontFamily: FAMILY, padding: 36, lineHeight: 1.2, overflow: 'hidden', boxSizing: 'border-box' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
        <div style={{ display: 'flex', fontSize: 30, fontWeight: 700 }}>{printable(s.title)}</div>
        <div style={{ display: 'flex', fontSize: 24, fontWeight: 700, color: '#1f5fbf' }}>Sidelines</div>
      </div>
      <div style={{ display: 'flex', alignItems: 'baseline', marginTop: 8, fontSize: 22, color: MUTED }}>
        <span style={{ fontSize: 40, fontWeight: 700, color: INK, marginRight: 10 }}>{formatNumber(s.current.contacts)}</span>
        <span style={{ marginRight: 14 }}>{nounFor(s.current.contacts, ctx.noun)}</span>
        {c && <span style={{ color: c.color, fontWeight: 700, marginRight: 8 }}>{c.text}</span>}
        {c && <span style={{ marginRight: 24 }}>{`vs ${s.previousLabel}`}</span>}
        <span>{[plural(s.current.countries, 'country', 'countries'), plural(s.current.organizations, 'organisation'), plural(s.current.posts, 'post')].join(' · ')}</span>
      </div>
      {empty ? (
        <div style={{ display: 'flex', flex: 1, alignItems: 'center', justifyContent: 'center', fontSize: 30, color: MUTED }}>
          {s.emptyText}
        </div>
      ) : (
        <div style={{ display: 'flex', flexDirection: square ? 'column' : 'row', marginTop: 16, borderTop: `1px solid ${BORDER}`, paddingTop: 14 }}>
          {/* eslint-disable-next-line @next/next/no-img-element -- drawn by satori, not a page */}
          <img src={`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`} width={mapW} height={mapH} alt="" />
          <div style={square ? { display: 'flex', flexDirection: 'column', marginTop: 18, fontSize: 20 } : { display: 'flex', flexDirection: 'column', marginLeft: 28, flex: 1, fontSize: 20 }}>
            <div style={{ display: 'flex', fontSize: 16, color: MUTED, textTransform: 'uppercase', letterSpacing: 1 }}>Top counterparts</div>
            {counterparts.slice(0, counterparts.length > rows ? rows - 1 : rows).map((r) => (
              <div key={r.label} style={{ display: 'flex', justifyContent: 'space-between', marginTop: 5 }}>
                <span>{printable(r.label)}</span>
                <span style={{ fontWeight: 700 }}>{r.count}</span>
              </div>
            ))}
            {counterparts.length > rows && <div style={{ display: 'flex', marginTop: 5, color: MUTED }}>{`+${counterparts.length - (rows - 1)} more`}</div>}
            <div style={{ display: 'flex', fontSize: 16, color: MUTED, textTransform: 'uppercase', letterSpacing: 1, marginTop: 16 }}>Top topics</div>
            <div style={{ display: 'flex', flexDirection: 'column', marginTop: 4 }}>
              {topics.map((t) => (
                <div key={t.code} style={{ display: 'flex', justifyContent: 'space-between', marginTop: 4 }}>
                  <span>{printable(topicLabel(t.code).en)}</span>
                  <span style={{ fontWeight: 700 }}>{t.count}</span>
                </div>
              ))}
              {s.topics.length > topics.length && <div style={{ display: 'flex', marginTop: 4, color: MUTED }}>{`+${s.topics.length - topics.length} more`}</div>}
            </div>
          </div>
        </div>
      )}
      <div style={{ display: 'flex', flexDirection: 'column', marginTop: 'auto', borderTop: `1px solid ${BORDER}`, paddingTop: 10, fontSize: 18 }}>
        {events.map((e) => (
          <div key={e.id} style={{ display: 'flex', alignItems: 'center', marginTop: 3 }}>
            <div style={{ display: 'flex', width: 10, height: 10, borderRadius: 5, background: eventTypeColor(e.type), marginRight: 8 }} />
            <span>{eventLine(e).slice(0, 110)}</span>
          </div>
        ))}
        {moreEvents > 0 && <div style={{ display: 'flex', marginTop: 3, marginLeft: 18, color: MUTED }}>{`+${moreEvents} more`}</div>}
        <div style={{ display: 'flex', marginTop: 8, fontSize: 15, color: MUTED }}>
          {printable(`Filters: ${ctx.filters} · Source: ${ctx.sources.join(', ') || '—'} (Telegram)`).slice(0, 160)}
        </div>
      </div>
    </div>
  );
}

/** A picture laid out by satori and painted by resvg, with the vendored fonts only. */
export async function renderPng(element: React.ReactNode, width: number, height: number): Promise<Buffer> {
  // No loadAdditionalAsset: a character no font has is never looked for online.
  const svg = await satori(element, { width, height, fonts: loadFonts() });
  return new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
}

export async function renderCardPng(s: CardData, ctx: CardContext, size: CardSize = 'wide'): Promise<Buffer> {
  const { width, height } = CARD_SIZES[size];
  return renderPng(<SummaryCard s={s} ctx={ctx} size={size} />, width, height);
}

export function renderWeeklyPng(s: WeeklySummary, ctx: CardContext, size: CardSize = 'wide'): Promise<Buffer> {
  return renderCardPng(weeklyCardData(s), ctx, size);
}
