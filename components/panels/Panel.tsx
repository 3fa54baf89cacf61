'use client';

import { useId, useRef, useState, type ReactNode } from 'react';
import { downloadPng } from './download-png';

interface PanelProps {
  title: string;
  testId?: string;
  /** Controls beside the title (tabs, zoom buttons ...). */
  actions?: ReactNode;
  /** The chart's data as an HTML table; a "Table" button switches to it. */
  table?: ReactNode;
  className?: string;
  /** Offer a PNG download of the panel (charts and the map; not the timeline). */
  image?: boolean;
  children: ReactNode;
}

/** A titled box on the dashboard; with `table`, the text alternative of its chart. */
export function Panel({ title, testId, actions, table, className, image = true, children }: PanelProps) {
  const id = useId();
  const [showTable, setShowTable] = useState(false);
  const [saving, setSaving] = useState(false);
  const ref = useRef<HTMLElement>(null);
  const save = async () => {
    if (!ref.current) return;
    setSaving(true);
    try {
      await downloadPng(ref.current, title);
    } finally {
      setSaving(false);
    }
  };
  return (
    <section ref={ref} className={`panel ${className ?? ''}`} data-testid={testId} aria-labelledby={`${id}-title`}>
      <header className="panel-head">
        <h2 id={`${id}-title`}>{title}</h2>
        <div className="panel-actions">
          {actions}
          {table !== undefined && (
            <button
              type="button"
              className="btn btn-small"
              data-no-export
              aria-pressed={showTable}
              aria-controls={`${id}-body`}
              onClick={() => setShowTable((v) => !v)}
            >
              Table
            </button>
          )}
          {image && (
            <button type="button" className="btn btn-small" data-no-export onClick={save} disabled={saving} title={`Download “${title}” as a PNG picture`}>
              {saving ? 'Saving…' : 'PNG'}
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
