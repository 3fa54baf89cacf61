// Filters in words, for chips, captions and the weekly card ("Venezuela, Jordan · Middle East").
import { countryName, REGIONS } from '@/lib/domain/geo';
import type { Filters } from '@/lib/domain/filters';
import { EVENT_TYPE_LABELS, orgLabel, topicLabel } from '@/lib/domain/labels';
import { EVENT_TYPES } from '@/lib/domain/events';
import { formatDate, formatRange } from '@/lib/domain/calendar';

export function describeFilters(f: Filters): string {
  const parts: string[] = [];
  if (f.from && f.to) parts.push(formatRange(f.from, f.to));
  else if (f.from) parts.push(`from ${formatDate(f.from)}`);
  else if (f.to) parts.push(`until ${formatDate(f.to)}`);
  if (f.country.length) parts.push(f.country.map(countryName).join(', '));
  if (f.region.length) parts.push(f.region.map((r) => REGIONS.find((x) => x.code === r)?.name ?? r).join(', '));
  if (f.org.length) parts.push(f.org.map((o) => orgLabel(o).code).join(', '));
  if (f.topic.length) parts.push(f.topic.map((t) => topicLabel(t).en).join(', '));
  if (f.type.length === EVENT_TYPES.length) parts.push('all types');
  else if (f.type.length) parts.push(f.type.map((t) => EVENT_TYPE_LABELS[t] ?? t).join(', '));
  if (f.principal.length) parts.push(f.principal.join(', '));
  if (f.channel.length) parts.push(f.channel.map((c) => `@${c}`).join(', '));
  if (f.lang) parts.push(f.lang === 'ru' ? 'Russian posts' : 'English posts');
  if (f.q) parts.push(`“${f.q}”`);
  return parts.length ? parts.join(' · ') : 'all';
}
