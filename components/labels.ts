// Display names for the codes the data carries: countries with flag, organisations, topics, types.
import { country } from '@/lib/domain/geo';
import { eventTypeColor, eventTypeLabel } from '@/lib/domain/events';
import { orgLabel, topicLabel } from '@/lib/domain/labels';

export interface Display {
  /** English, as shown. */
  name: string;
  /** Shown on hover: the Russian name, or the full name of an acronym. */
  title: string;
  flag?: string;
}

export function countryDisplay(code: string): Display {
  const c = country(code);
  return c ? { name: c.name, title: `${c.name} · ${c.nameRu}`, flag: c.flag } : { name: code, title: code };
}

export function orgDisplay(code: string): Display {
  const o = orgLabel(code);
  return { name: code, title: o.en === code ? o.ru : `${o.en} · ${o.ru}` };
}

export function topicDisplay(code: string): Display {
  const t = topicLabel(code);
  return { name: t.en, title: t.ru };
}

export function typeLabel(type: string): string {
  return eventTypeLabel(type);
}

export function typeColor(type: string): string {
  return eventTypeColor(type);
}
