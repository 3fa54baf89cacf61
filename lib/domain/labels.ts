// Labels for codes the dashboard shows: topics by their English label (Russian on hover) and
// organisations by name. They come from labels.json, which `npm run gen:labels` writes from the
// parser's vocabularies: pages and charts never load the vocabularies themselves (only a
// search is read with them, on the server: lib/ingest/query.ts).
import labels from './labels.json';

export interface Label {
  code: string;
  en: string;
  ru: string;
}

export const TOPICS: readonly Label[] = Object.entries(labels.topics).map(([code, l]) => ({ code, en: l.en, ru: l.ru }));

export const ORGANIZATIONS: readonly Label[] = Object.entries(labels.organizations).map(([code, l]) => ({ code, en: l.en, ru: l.ru }));

/** The channel's own side, for the principal filter. */
export const PRINCIPALS: readonly { name: string; title_en?: string; surname_ru: string }[] = labels.principals;

const topicByCode = new Map(TOPICS.map((t) => [t.code, t]));
const orgByCode = new Map(ORGANIZATIONS.map((o) => [o.code, o]));

export function topicLabel(code: string): Label {
  return topicByCode.get(code) ?? { code, en: code.replace(/_/g, ' '), ru: code };
}

export function orgLabel(code: string): Label {
  return orgByCode.get(code) ?? { code, en: code, ru: code };
}

export function isTopicCode(code: string): boolean {
  return topicByCode.has(code);
}

export function isOrgCode(code: string): boolean {
  return orgByCode.has(code);
}

export { EVENT_TYPE_COLORS, EVENT_TYPE_LABELS } from './events';
