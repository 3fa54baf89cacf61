'use client';

import { useId, useState, type ReactNode } from 'react';

interface PanelProps {
  title: string;
  testId?: string;
  /** Controls beside the title (tabs, zoom buttons ...). */
  actions?: ReactNode;
  /** The chart's data as an HTML table; a "Table" button switches to it. */
  table?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A titled box on the dashboard; with `table`, the text alternative of its chart. */
export function Panel({ title, testId, actions, table, className, children }: PanelProps) {
  const id = useId();
  const [showTable, setShowTable] = useState(false);
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
        </div>
      </header>
      <div className="panel-body" id={`${id}-body`}>
        {showTable && table !== undefined ? <div className="table-wrap">{table}</div> : children}
      </div>
    </section>
  );
}
