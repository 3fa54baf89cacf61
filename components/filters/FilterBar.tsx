'use client';

import { useId, useState } from 'react';
import { useFilters } from '@/components/dashboard/useFilters';
import { useCorpusTotals } from '@/components/dashboard/DashboardContext';
import { activeFilterCount } from '@/lib/domain/filters';
import { DateFilter } from './DateFilter';
import { FilterChips } from './FilterChips';
import { MultiSelect } from './MultiSelect';
import { COUNTRY_OPTIONS, ORG_OPTIONS, PRINCIPAL_OPTIONS, REGION_OPTIONS, TOPIC_OPTIONS } from './options';
import { SearchBox } from './SearchBox';
import { TypeFilter } from './TypeFilter';

/** Every filter of the URL contract; on narrow screens it folds behind a "Filters" button. */
export function FilterBar() {
  const { filters, toggle, update } = useFilters();
  const [open, setOpen] = useState(false);
  const id = useId();
  const active = activeFilterCount(filters);
  // With more than one channel stored, which one: one's own posts apart from the sample's, or one
  // ministry's apart from another's.
  const stored = useCorpusTotals()?.channels ?? [];
  const channelOptions = [...new Set([...stored, ...filters.channel])].map((c) => ({ value: c, label: `@${c}` }));
  const principalOptions = [
    ...PRINCIPAL_OPTIONS,
    ...filters.principal.filter((p) => !PRINCIPAL_OPTIONS.some((o) => o.value === p)).map((p) => ({ value: p, label: p })),
  ];
  return (
    <div className="filterbar">
      <button type="button" className="btn fb-toggle" aria-expanded={open} aria-controls={`${id}-bar`} onClick={() => setOpen((v) => !v)}>
        Filters{active > 0 && <span className="fb-count num">{active}</span>}
        <span aria-hidden="true" className="caret">
          {open ? '▴' : '▾'}
        </span>
      </button>
      <div className={`fb-row${open ? ' is-open' : ''}`} id={`${id}-bar`} role="group" aria-label="Filters">
        <DateFilter />
        <MultiSelect label="Countries" options={COUNTRY_OPTIONS} countsFrom="countries" selected={filters.country} onToggle={(v) => toggle('country', v)} placeholder="Country, in English or Russian" />
        <MultiSelect label="Regions" options={REGION_OPTIONS} selected={filters.region} onToggle={(v) => toggle('region', v)} />
        <MultiSelect label="Organisations" options={ORG_OPTIONS} countsFrom="organizations" selected={filters.org} onToggle={(v) => toggle('org', v)} />
        <MultiSelect label="Topics" options={TOPIC_OPTIONS} countsFrom="topics" selected={filters.topic} onToggle={(v) => toggle('topic', v)} />
        <TypeFilter />
        <MultiSelect label="Principal" options={principalOptions} countsFrom="principals" selected={filters.principal} onToggle={(v) => toggle('principal', v)} />
        {channelOptions.length > 1 && <MultiSelect label="Channels" options={channelOptions} selected={filters.channel} onToggle={(v) => toggle('channel', v)} />}
        <label className="fb-item fb-select">
          <span className="sr-only">Language of the post</span>
          <select className={`input${filters.lang ? ' has-value' : ''}`} value={filters.lang ?? ''} onChange={(e) => update({ lang: (e.target.value || undefined) as 'ru' | 'en' | undefined })}>
            <option value="">Any language</option>
            <option value="ru">Russian posts</option>
            <option value="en">English posts</option>
          </select>
        </label>
        <SearchBox />
      </div>
      <FilterChips />
    </div>
  );
}
