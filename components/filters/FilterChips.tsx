'use client';

import { useFilters } from '@/components/dashboard/useFilters';
import { useDateBounds } from '@/components/dashboard/DashboardContext';
import type { Filters } from '@/lib/domain/filters';
import { EVENT_TYPES } from '@/lib/domain/events';
import { countryDisplay, orgDisplay, topicDisplay, typeLabel } from '@/components/labels';
import { rangeLabel } from './date-presets';
import { regionLabel } from './options';

interface Chip {
  id: string;
  kind: string;
  label: string;
  title?: string;
  remove: Partial<Filters>;
}

/** Every active filter as a chip that removes it; "Clear all" removes them all. */
export function FilterChips() {
  const { filters: f, update, clear } = useFilters();
  const { last } = useDateBounds();
  const chips: Chip[] = [];
  if (f.from || f.to) chips.push({ id: 'dates', kind: 'Dates', label: rangeLabel(f.from, f.to, last), remove: { from: undefined, to: undefined } });
  const without = <K extends 'country' | 'region' | 'org' | 'topic' | 'type' | 'principal' | 'channel'>(k: K, v: string) => ({ [k]: (f[k] as string[]).filter((x) => x !== v) });
  for (const c of f.country) {
    const d = countryDisplay(c);
    chips.push({ id: `country-${c}`, kind: 'Country', label: `${d.flag ?? ''} ${d.name}`.trim(), title: d.title, remove: without('country', c) });
  }
  for (const r of f.region) chips.push({ id: `region-${r}`, kind: 'Region', label: regionLabel(r), remove: without('region', r) });
  for (const o of f.org) chips.push({ id: `org-${o}`, kind: 'Organisation', label: o, title: orgDisplay(o).title, remove: without('org', o) });
  for (const t of f.topic) {
    const d = topicDisplay(t);
    chips.push({ id: `topic-${t}`, kind: 'Topic', label: d.name, title: d.title, remove: without('topic', t) });
  }
  // Every type chosen is one chip, not nine.
  if (f.type.length === EVENT_TYPES.length) chips.push({ id: 'type-all', kind: 'Type', label: 'All types', remove: { type: [] } });
  else for (const t of f.type) chips.push({ id: `type-${t}`, kind: 'Type', label: typeLabel(t), remove: without('type', t) });
  for (const p of f.principal) chips.push({ id: `principal-${p}`, kind: 'Principal', label: p, remove: without('principal', p) });
  for (const c of f.channel) chips.push({ id: `channel-${c}`, kind: 'Channel', label: `@${c}`, remove: without('channel', c) });
  if (f.lang) chips.push({ id: 'lang', kind: 'Language', label: f.lang === 'ru' ? 'Russian posts' : 'English posts', remove: { lang: undefined } });
  if (f.q) chips.push({ id: 'q', kind: 'Search', label: `“${f.q}”`, remove: { q: undefined } });

  if (!chips.length) return null;
  return (
    <div className="chips" aria-label="Active filters" role="group">
      <ul className="chip-list">
        {chips.map((c) => (
          <li key={c.id}>
            <button type="button" className="chip" data-testid="chip" title={c.title ? `${c.title} — remove` : 'Remove this filter'} aria-label={`Remove filter ${c.kind}: ${c.label}`} onClick={() => update(c.remove)}>
              <span className="chip-kind">{c.kind}</span> {c.label} <span aria-hidden="true" className="chip-x">×</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="btn btn-small btn-quiet" onClick={clear}>
        Clear all
      </button>
    </div>
  );
}
