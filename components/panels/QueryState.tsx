'use client';

import type { ReactNode } from 'react';
import { ApiError } from '@/components/data/fetch-json';

/** The part of a TanStack Query result a panel needs to choose what to show. */
export interface QueryLike<T> {
  data: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  failureReason: Error | null;
  isFetching: boolean;
  isPlaceholderData?: boolean;
  refetch: () => unknown;
}

interface QueryStateProps<T> {
  query: QueryLike<T>;
  /** What is being loaded, for the messages: "countries". */
  what: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  /** Height to hold while loading, so the page does not jump. */
  minHeight?: number;
  children: (data: T) => ReactNode;
}

function isUnavailable(err: Error | null): boolean {
  return err instanceof ApiError && (err.status === 503 || err.status === 0);
}

/** Loading, error (with Retry), empty, or the panel's content; stale content is dimmed while it refreshes. */
export function QueryState<T>({ query, what, isEmpty, empty, minHeight = 120, children }: QueryStateProps<T>) {
  const { data } = query;
  if (query.isError && data === undefined) {
    return <ErrorNote error={query.error} what={what} retrying={query.isFetching} onRetry={() => query.refetch()} minHeight={minHeight} />;
  }
  if (data === undefined) {
    const waiting = isUnavailable(query.failureReason);
    return (
      <div className="state state-loading" style={{ minHeight }} role="status" aria-live="polite">
        {waiting ? 'The database is unavailable; retrying…' : `Loading ${what}…`}
      </div>
    );
  }
  if (isEmpty?.(data)) {
    return (
      <div className="state state-empty" style={{ minHeight }}>
        {empty ?? `No ${what} for these filters.`}
      </div>
    );
  }
  const stale = Boolean(query.isPlaceholderData);
  return (
    <div className={stale ? 'is-stale' : undefined} aria-busy={stale || undefined}>
      {query.isError && <ErrorNote error={query.error} what={what} retrying={query.isFetching} onRetry={() => query.refetch()} compact />}
      {children(data)}
    </div>
  );
}

interface ErrorNoteProps {
  error: Error | null;
  what: string;
  retrying: boolean;
  onRetry: () => void;
  compact?: boolean;
  minHeight?: number;
}

export function ErrorNote({ error, what, retrying, onRetry, compact, minHeight }: ErrorNoteProps) {
  let message: string;
  if (isUnavailable(error)) message = 'The database is unavailable right now; asking again every few seconds.';
  else if (error instanceof ApiError && error.status === 400) message = `These filters cannot be read: ${error.message}.`;
  else message = `Could not load ${what}${error?.message ? `: ${error.message}` : ''}.`;
  return (
    <div className={`state state-error${compact ? ' compact' : ''}`} style={compact ? undefined : { minHeight }} role="alert">
      <span>{message}</span>
      <button type="button" className="btn btn-small" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : 'Retry'}
      </button>
    </div>
  );
}
