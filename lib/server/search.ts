import 'server-only';
import type { SearchFilters } from '@/db/queries/filter';
import type { Filters } from '@/lib/domain/filters';
import { resolveSearch } from '@/lib/ingest/query';

/**
 * The filters with their search read into parts by the parser's vocabulary, so that a country,
 * organisation or person named in either language finds the events with that counterpart.
 * Every read of filtered events goes through this.
 */
export function withSearch(f: Filters): SearchFilters {
  return f.q ? { ...f, search: resolveSearch(f.q) } : f;
}
