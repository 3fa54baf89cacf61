// Labels for codes the dashboard shows: topics by their English label (Russian on hover) and
// organisations by name, from the same data files the parser reads.
import organizations from '@/lib/ingest/data/organizations.json';
import topics from '@/lib/ingest/data/topics.json';

export interface Label {
  code: string;
  en: string;
  ru: string;
}

interface OrgEntry {
  code: string;
  en?: string[];
  ru?: string[];
  acronyms?: string[];
}

interface TopicEntry {
  code: string;
  label_en: string;
  label_ru: string;
}

export const TOPICS: readonly Label[] = (topics.topics as TopicEntry[]).map((t) => ({ code: t.code, en: t.label_en, ru: t.label_ru }));

export const ORGANIZATIONS: readonly Label[] = (organizations.organizations as OrgEntry[]).map((o) => ({
  code: o.code,
  en: o.en?.[0] ?? o.code,
  ru: o.ru?.[0] ?? o.acronyms?.find((a) => /[А-Яа-я]/.test(a)) ?? o.code,
}));

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

export const EVENT_TYPE_LABELS: Record<string, string> = {
  meeting: 'Meeting',
  phone_call: 'Phone call',
  multilateral: 'Multilateral',
  speech: 'Speech',
  briefing: 'Briefing',
  interview: 'Interview',
  statement: 'Statement',
  visit: 'Visit',
  other: 'Other',
};

/** One colour per event type, the same in every chart and badge (readable on light and dark). */
export const EVENT_TYPE_COLORS: Record<string, string> = {
  meeting: '#2f6fd6',
  phone_call: '#13a39a',
  multilateral: '#8a56d8',
  speech: '#e08a1e',
  briefing: '#c2417a',
  interview: '#6b8e23',
  statement: '#8c7b6b',
  visit: '#d2552e',
  other: '#7f8b99',
};
