'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { Filters } from '@/lib/domain/filters';
import type { Seed } from '@/components/data/initial';
import type { HeadlineWithChange } from '@/components/data/headline';
import type { CodeCount } from '@/components/data/countries';
import type { OverTime } from '@/components/data/over-time';
import type { MatrixCell } from '@/components/data/matrix';
import type { EventsPage } from '@/components/data/events';
import { filtersKey } from '@/components/data/url-filters';

/** What the server read for the first view, and the filters it read it for. */
export interface DashboardSeed {
  /** filtersKey() of the filters the data is for. */
  key: string;
  updatedAt: number;
  headline: HeadlineWithChange;
  countries: CodeCount[];
  organizations: CodeCount[];
  topics: CodeCount[];
  overTime: OverTime;
  matrix: MatrixCell[];
  events: EventsPage;
}

export interface DateBounds {
  first: string | null;
  last: string | null;
}

interface DashboardContextValue {
  seed: DashboardSeed | null;
  bounds: DateBounds;
}

const Ctx = createContext<DashboardContextValue>({ seed: null, bounds: { first: null, last: null } });

export function DashboardProvider({ seed, bounds, children }: DashboardContextValue & { children: ReactNode }) {
  return <Ctx.Provider value={{ seed, bounds }}>{children}</Ctx.Provider>;
}

/** The server's data for one panel, when the filters are still the ones it was read for. */
export function useSeed<K extends Exclude<keyof DashboardSeed, 'key' | 'updatedAt'>>(
  name: K,
  filters: Filters,
): Seed<DashboardSeed[K]> | undefined {
  const { seed } = useContext(Ctx);
  if (!seed || seed.key !== filtersKey(filters)) return undefined;
  return { data: seed[name], updatedAt: seed.updatedAt };
}

/** First and last event day in the database: relative date presets count back from `last`. */
export function useDateBounds(): DateBounds {
  return useContext(Ctx).bounds;
}
