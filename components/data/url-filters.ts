// Filters as the dashboard reads them from its own URL. Unlike the JSON routes (which answer 400),
// the page keeps working on a bad link: it drops what does not parse and says what. In a list
// (country=XX,VE) only the values that do not parse go; the others are kept. The view settings
// beside the filters (bucket=quarter) are read the same way: one that does not parse is left out
// (the automatic choice then) and said.
import type { $ZodError } from 'zod/v4/core';
import { DEFAULT_VIEW, EMPTY_FILTERS, filtersToQuery, parseFilters, parseView, viewToQuery, FILTER_KEYS, VIEW_KEYS, type FilterKey, type Filters, type ViewSettings } from '@/lib/domain/filters';

type ParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

export interface UrlProblem {
  key: string;
  message: string;
}

export interface UrlFilters {
  filters: Filters;
  /** The view settings beside the filters (lib/domain/filters.ts VIEW_KEYS). */
  view: ViewSettings;
  /** Parameters that were ignored, with why. */
  problems: UrlProblem[];
}

function toSearchParams(params: ParamsLike): URLSearchParams {
  if (params instanceof URLSearchParams) return new URLSearchParams(params);
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
  }
  return p;
}

export function readFilters(params: ParamsLike): UrlFilters {
  const p = toSearchParams(params);
  const { view, problems } = readView(p);
  // Each round drops the parameters the schema complained about; FILTER_KEYS bounds the rounds.
  for (let round = 0; round <= FILTER_KEYS.length; round++) {
    const parsed = parseFilters(p);
    if (parsed.ok) return { filters: parsed.filters, view, problems };
    const bad = badKeys(parsed.error);
    if (!bad.length) break;
    // Values of a list named by their place in it (country.0), and whole parameters otherwise.
    const badItems = new Map<string, Set<number>>();
    const wholeKeys = new Set<string>();
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'query');
      const index = issue.path[1];
      const items = listItems(p, key);
      if (typeof index === 'number' && items.length > index) {
        const set = badItems.get(key) ?? new Set<number>();
        set.add(index);
        badItems.set(key, set);
        problems.push({ key, message: `${key}: ${items[index]} left out (${issue.message})` });
      } else {
        wholeKeys.add(key);
        const value = p.getAll(key).join(',');
        problems.push({ key, message: `${key}${value ? `=${value}` : ''}: ${issue.message}` });
      }
    }
    for (const k of bad) {
      const drop = badItems.get(k);
      if (wholeKeys.has(k) || !drop) {
        p.delete(k);
        continue;
      }
      const kept = listItems(p, k).filter((_, i) => !drop.has(i));
      p.delete(k);
      if (kept.length) p.set(k, kept.join(','));
    }
  }
  return { filters: EMPTY_FILTERS, view, problems: problems.length ? problems : [{ key: 'query', message: 'the query string is not valid' }] };
}

/** The view settings; each one that does not parse is left out, and said. */
function readView(p: URLSearchParams): { view: ViewSettings; problems: UrlProblem[] } {
  const parsed = parseView(p);
  if (parsed.ok) return { view: parsed.view, problems: [] };
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')));
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? 'query');
    const value = p.getAll(key).join(',');
    return { key, message: `${key}${value ? `=${value}` : ''}: ${issue.message}` };
  });
  const kept = new URLSearchParams();
  for (const key of VIEW_KEYS) if (!bad.has(key)) for (const v of p.getAll(key)) kept.append(key, v);
  const again = parseView(kept);
  return { view: again.ok ? again.view : DEFAULT_VIEW, problems };
}

/** A list parameter's values as the filter contract reads them: every value, split at commas. */
function listItems(p: URLSearchParams, key: string): string[] {
  return p
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function badKeys(error: $ZodError): FilterKey[] {
  const keys = new Set<FilterKey>();
  for (const issue of error.issues) {
    const k = issue.path[0];
    if (typeof k === 'string' && (FILTER_KEYS as readonly string[]).includes(k)) keys.add(k as FilterKey);
  }
  return [...keys];
}

/**
 * The dashboard URL of a filter set and its view settings: normalised (the default types written
 * as none), defaults left out, the view after the filters.
 */
export function dashboardHref(filters: Filters, view: ViewSettings = DEFAULT_VIEW): string {
  const normal = parseFilters(new URLSearchParams(filtersToQuery(filters)));
  const q = [filtersToQuery(normal.ok ? normal.filters : filters), viewToQuery(view)].filter(Boolean).join('&');
  return q ? `/?${q}` : '/';
}

/** A stable text key of a filter set (the query string), for comparing two sets. */
export function filtersKey(filters: Filters): string {
  return filtersToQuery(filters);
}
