'use client';

import { useMemo, useState } from 'react';
import { useStableCallback } from '@/components/dashboard/useStableCallback';
import { useStats, type CodeCount } from '@/components/data/stats';
import { useFilters } from '@/components/dashboard/useFilters';
import type { RankedRow } from '@/components/charts/RankedBarChart';
import { ChartBox, LazyRankedBarChart as RankedBarChart } from '@/components/charts/lazy';
import { rankedHeight } from '@/components/charts/chart-sizes';
import { DataTable } from '@/components/charts/DataTable';
import { countryDisplay, orgDisplay } from '@/components/labels';
import { Panel } from './Panel';
import { QueryState } from './QueryState';

const SHOWN = 12;

type Tab = 'countries' | 'organizations';

export function toCountryRows(rows: CodeCount[]): RankedRow[] {
  return rows.map((r) => ({ key: r.code, count: r.count, ...countryDisplay(r.code) }));
}

export function toOrgRows(rows: CodeCount[]): RankedRow[] {
  return rows.map((r) => ({ key: r.code, count: r.count, ...orgDisplay(r.code) }));
}

/** Top counterparts: countries, or organisations on the second tab. */
export function CounterpartsPanel() {
  const { filters, add } = useFilters();
  const [tab, setTab] = useState<Tab>('countries');
  const countries = useStats('countries', filters);
  const orgs = useStats('organizations', filters);
  const isCountries = tab === 'countries';
  const query = isCountries ? countries : orgs;
  // Kept while the data is: a memoised chart is then not drawn again on a filter click.
  const rows = useMemo(() => (query.data ? (isCountries ? toCountryRows(query.data) : toOrgRows(query.data)) : []), [query.data, isCountries]);
  const shown = useMemo(() => rows.slice(0, SHOWN), [rows]);
  const select = useStableCallback((key: string) => add(isCountries ? { country: [key] } : { org: [key] }));

  const tabs = (
    <div role="tablist" aria-label="Counterparts" className="tabs">
      {(['countries', 'organizations'] as const).map((t) => (
        <button
          key={t}
          type="button"
          role="tab"
          id={`tab-${t}`}
          aria-selected={tab === t}
          tabIndex={tab === t ? 0 : -1}
          className="tab"
          onClick={() => setTab(t)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
              const next = t === 'countries' ? 'organizations' : 'countries';
              setTab(next);
              document.getElementById(`tab-${next}`)?.focus();
            }
          }}
        >
          {t === 'countries' ? 'Countries' : 'Organisations'}
        </button>
      ))}
    </div>
  );

  return (
    <Panel
      title="Top counterparts"
      testId="chart-countries"
      className="span-counterparts"
      picture={isCountries ? 'countries' : 'organizations'}
      actions={tabs}
      table={
        <DataTable<RankedRow>
          caption={isCountries ? 'Contacts per counterpart country' : 'Contacts per counterpart organisation'}
          rows={rows}
          rowKey={(r) => r.key}
          columns={[
            {
              header: isCountries ? 'Country' : 'Organisation',
              cell: (r) => (
                <button type="button" className="link-btn" title={`${r.title} — filter`} onClick={() => select(r.key)}>
                  {r.flag ? <span aria-hidden="true">{r.flag} </span> : null}
                  {r.name}
                  {!isCountries && r.title !== r.name ? <span className="muted"> · {r.title.split(' · ')[0]}</span> : null}
                </button>
              ),
            },
            { header: 'Contacts', cell: (r) => r.count, numeric: true },
          ]}
        />
      }
    >
      <div role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <QueryState query={query} what={isCountries ? 'countries' : 'organisations'} minHeight={200} isEmpty={(d) => d.length === 0} empty={isCountries ? 'No counterpart countries for these filters.' : 'No counterpart organisations for these filters.'}>
          {() => (
            <>
              <ChartBox height={rankedHeight(Math.min(rows.length, SHOWN))}>
                <RankedBarChart rows={shown} unit="contact" onSelect={select} labelWidth={isCountries ? 170 : 90} label={isCountries ? 'Contacts per counterpart country' : 'Contacts per counterpart organisation'} />
              </ChartBox>
              {rows.length > SHOWN && <p className="muted small">and {rows.length - SHOWN} more — see Table</p>}
            </>
          )}
        </QueryState>
      </div>
    </Panel>
  );
}
