'use client';

import { createContext, useContext, type ReactNode } from 'react';
import type { DateBounds } from '@/lib/domain/api';

export type { DateBounds };

const Ctx = createContext<DateBounds>({ first: null, last: null });

export function DashboardProvider({ bounds, children }: { bounds: DateBounds; children: ReactNode }) {
  return <Ctx.Provider value={bounds}>{children}</Ctx.Provider>;
}

/** First and last event day in the database: relative date presets count back from `last`. */
export function useDateBounds(): DateBounds {
  return useContext(Ctx);
}
