// Relative date presets count back from the newest event in the database, not from today: a
// corpus that ends in 2023 still has a "last 30 days".
import { addDays, addMonths, formatRange } from '@/lib/domain/calendar';

export interface Preset {
  id: string;
  label: string;
  range: (last: string) => { from?: string; to?: string };
}

export const PRESETS: readonly Preset[] = [
  { id: '7d', label: 'Last 7 days', range: (last) => ({ from: addDays(last, -6), to: last }) },
  { id: '30d', label: 'Last 30 days', range: (last) => ({ from: addDays(last, -29), to: last }) },
  { id: '90d', label: 'Last 90 days', range: (last) => ({ from: addDays(last, -89), to: last }) },
  { id: '12m', label: 'Last 12 months', range: (last) => ({ from: addDays(addMonths(last, -12), 1), to: last }) },
  { id: 'all', label: 'All time', range: () => ({}) },
];

/** The preset a range is, if it is one. */
export function presetOf(from: string | undefined, to: string | undefined, last: string | null): Preset | undefined {
  if (!from && !to) return PRESETS[PRESETS.length - 1];
  if (!last) return undefined;
  return PRESETS.find((p) => {
    const r = p.range(last);
    return r.from === from && r.to === to;
  });
}

export function rangeLabel(from: string | undefined, to: string | undefined, last: string | null): string {
  const preset = presetOf(from, to, last);
  if (preset) return preset.label;
  if (from && to) return formatRange(from, to);
  if (from) return `From ${formatRange(from, from)}`;
  return `Until ${formatRange(to as string, to as string)}`;
}
