'use client';

import { useId, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useFilters } from '@/components/dashboard/useFilters';
import type { ChartName } from '@/lib/domain/api';
import { filtersToQuery, viewToQuery, type ViewSettings } from '@/lib/domain/filters';
import { fileNameFor } from './download-png';

type PictureName = ChartName;

interface PanelProps {
  title: string;
  testId?: string;
  /** Controls beside the title (tabs, zoom buttons ...). */
  actions?: ReactNode;
  /** The chart's data as an HTML table; a "Table" button switches to it. */
  table?: ReactNode;
  className?: string;
  /**
   * The chart the panel's PNG is: drawn on the server from the same data, in the current theme,
   * with a caption of the filters, dates and channels (the timeline has none).
   */
  picture?: PictureName;
  /** The view settings the picture is drawn with, as the chart shows them (the over-time bucket). */
  pictureView?: ViewSettings;
  children: ReactNode;
}

/** A titled box on the dashboard; with `table`, the text alternative of its chart. */
/** Whether the page is in the dark theme (the system's choice, as app/globals.css follows it). */
const DARK = '(prefers-color-scheme: dark)';
function subscribeTheme(onChange: () => void): () => void {
  const mq = window.matchMedia(DARK);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}
function usePrefersDark(): boolean {
  // Light when rendered on the server; the browser's own answer from its first render on.
  return useSyncExternalStore(subscribeTheme, () => window.matchMedia(DARK).matches, () => false);
}

export function Panel({ title, testId, actions, table, className, picture, pictureView, children }: PanelProps) {
  const id = useId();
  const [showTable, setShowTable] = useState(false);
  const { filters } = useFilters();
  const dark = usePrefersDark();
  const q = [filtersToQuery(filters), viewToQuery(pictureView ?? {})].filter(Boolean).join('&');
  const pictureHref = picture ? `/api/chart/${picture}?${q ? `${q}&` : ''}theme=${dark ? 'dark' : 'light'}` : null;
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId} aria-labelledby={`${id}-title`}>
      <header className="panel-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <div className="panel-actions">
          {actions}
          {table !== undefined && (
            <button
              type="button"
              className="btn btn-small"
              aria-pressed={showTable}
              aria-controls={`${id}-body`}
              onClick={() => setShowTable((v) => !v)}
            >
              Table
            </button>
          )}
          {pictureHref && (
            <a className="btn btn-small" href={pictureHref} download={fileNameFor(title)} data-testid="png" title={`Download “${title}” as a PNG picture`}>
              PNG
            </a>
          )}
        </div>
      </header>
      <div className="panel-body" id={`${id}-body`}>
        {showTable && table !== undefined ? <div className="table-wrap">{table}</div> : children}
      </div>
    </section>
  );
}
