'use client';

import dynamic from 'next/dynamic';
import type React from 'react';

// Recharts (with its state store) is the largest library on the page; the charts measure their
// box in the browser anyway, so they load after the first paint and keep the first load small.
// Until then the box around each chart (ChartBox) holds its height.

export const LazyRankedBarChart = dynamic(() => import('./RankedBarChart').then((m) => m.RankedBarChart), {
  ssr: false,
  loading: () => null,
});

export const LazyOverTimeChart = dynamic(() => import('./OverTimeChart').then((m) => m.OverTimeChart), {
  ssr: false,
  loading: () => null,
});

/** Holds a chart's height while its code loads, so the page does not jump. */
export function ChartBox({ height, children }: { height: number; children: React.ReactNode }) {
  return (
    <div className="chart-box" style={{ minHeight: height }}>
      {children}
    </div>
  );
}
