'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { DateBounds } from '@/lib/domain/api';

export type { DateBounds };

/** Totals over everything stored, as the header shows them. */
export interface CorpusTotals {
  posts: number;
  events: number;
  /** The channels stored, by handle. */
  channels: string[];
}

interface DashboardContextValue {
  bounds: DateBounds;
  totals: CorpusTotals | null;
}

const Ctx = createContext<DashboardContextValue>({ bounds: { first: null, last: null }, totals: null });

export function DashboardProvider({ bounds, totals, children }: DashboardContextValue & { children: ReactNode }) {
  return <Ctx.Provider value={{ bounds, totals }}>{children}</Ctx.Provider>;
}

/** First and last event day in the database: relative date presets count back from `last`. */
export function useDateBounds(): DateBounds {
  return useContext(Ctx).bounds;
}

/** The posts and events stored in all, when the server could read them. */
export function useCorpusTotals(): CorpusTotals | null {
  return useContext(Ctx).totals;
}
