'use client';

import { useSearchParams } from 'next/navigation';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { prefetchView } from '@/components/data/stats';
import { EMPTY_FILTERS, type Filters, type ViewSettings } from '@/lib/domain/filters';
import { dashboardHref, readFilters, type UrlProblem } from '@/components/data/url-filters';
import { useDateBounds } from './DashboardContext';

export type ListKey = 'country' | 'region' | 'org' | 'topic' | 'type' | 'principal' | 'channel';

export interface FilterControls {
  filters: Filters;
  /** The view settings beside the filters (the over-time chart's bucket). */
  view: ViewSettings;
  /** URL parameters that were ignored because they do not parse. */
  problems: UrlProblem[];
  /** Replace the whole filter set; the view settings stay, unless others are given. */
  setFilters: (next: Filters, view?: ViewSettings) => void;
  /** Change some view settings, keep the filters. */
  setView: (patch: Partial<ViewSettings>) => void;
  /** Change some filters, keep the others. */
  update: (patch: Partial<Filters>) => void;
  /** Add values to lists (a click on a bar or a cell); values already there stay once. */
  add: (patch: Partial<Pick<Filters, ListKey>>) => void;
  /** Add a value to a list, or take it out if it is there. */
  toggle: (key: ListKey, value: string) => void;
  clear: () => void;
}

/**
 * The filters are the URL: read on every render from useSearchParams, never copied into state.
 * A change pushes a history entry (back/forward step through filter changes) with the History
 * API, which Next's router follows: the view re-reads the URL and TanStack Query fetches the new
 * view from the JSON routes, without re-rendering the server page for every click.
 */
export function useFilters(): FilterControls {
  const params = useSearchParams();
  const search = params.toString();
  const { filters, view, problems } = useMemo(() => readFilters(new URLSearchParams(search)), [search]);

  const client = useQueryClient();
  const bounds = useDateBounds();
  const setFilters = useCallback(
    (next: Filters, nextView: ViewSettings = view) => {
      const href = dashboardHref(next, nextView);
      if (href === `${window.location.pathname}${window.location.search}`) return;
      // The view's reads start now, under the keys the panels will ask with (the filters and the
      // view as read back from the URL).
      const read = readFilters(new URL(href, window.location.origin).searchParams);
      prefetchView(client, read.filters, read.view, bounds);
      window.history.pushState(null, '', href);
    },
    [client, view, bounds],
  );

  return useMemo(() => {
    const update = (patch: Partial<Filters>) => setFilters({ ...filters, ...patch });
    return {
      filters,
      view,
      problems,
      setFilters,
      setView: (patch) => setFilters(filters, { ...view, ...patch }),
      update,
      add: (patch) => {
        const next = { ...filters };
        for (const [k, values] of Object.entries(patch) as [ListKey, string[]][]) {
          (next[k] as string[]) = [...new Set([...(filters[k] as string[]), ...values])];
        }
        setFilters(next);
      },
      toggle: (key, value) => {
        const list = filters[key] as string[];
        update({ [key]: list.includes(value) ? list.filter((v) => v !== value) : [...list, value] });
      },
      clear: () => setFilters(EMPTY_FILTERS),
    };
  }, [filters, view, problems, setFilters]);
}
