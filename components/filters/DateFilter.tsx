'use client';

import { useId, type FormEvent } from 'react';
import { useDateBounds } from '@/components/dashboard/DashboardContext';
import { useFilters } from '@/components/dashboard/useFilters';
import { formatDate } from '@/lib/domain/calendar';
import { PRESETS, presetOf, rangeLabel } from './date-presets';
import { usePopover } from './usePopover';

/** Date range: presets counted back from the newest event, or a custom from/to. */
export function DateFilter() {
  const { filters, update } = useFilters();
  const { first, last } = useDateBounds();
  const { open, setOpen, close, root, button } = usePopover();
  const id = useId();
  const current = presetOf(filters.from, filters.to, last);
  const dated = Boolean(filters.from || filters.to);

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    let from = String(data.get('from') ?? '') || undefined;
    let to = String(data.get('to') ?? '') || undefined;
    if (from && to && from > to) [from, to] = [to, from];
    update({ from, to });
    close(true);
  };

  return (
    <div className="fb-item popover-root" ref={root}>
      <button ref={button} type="button" className={`fb-button${dated ? ' has-value' : ''}`} aria-expanded={open} aria-controls={`${id}-pop`} onClick={() => setOpen(!open)}>
        <span className="sr-only">Dates: </span>
        {rangeLabel(filters.from, filters.to, last)}
        <span aria-hidden="true" className="caret">
          ▾
        </span>
      </button>
      {open && (
        <div className="popover popover-dates" id={`${id}-pop`}>
          <div className="preset-list" role="group" aria-label="Date presets">
            {PRESETS.map((p) => {
              const disabled = p.id !== 'all' && !last;
              return (
                <button
                  key={p.id}
                  type="button"
                  className={`preset${current?.id === p.id ? ' is-active' : ''}`}
                  aria-pressed={current?.id === p.id}
                  disabled={disabled}
                  onClick={() => {
                    const r = last ? p.range(last) : {};
                    update({ from: r.from, to: r.to });
                    close(true);
                  }}
                >
                  {p.label}
                </button>
              );
            })}
          </div>
          {last && <p className="muted small">Counted back from the newest event, {formatDate(last)}.</p>}
          <form className="custom-range" onSubmit={apply} key={`${filters.from ?? ''}_${filters.to ?? ''}`}>
            <label>
              From
              <input type="date" name="from" className="input" defaultValue={filters.from ?? ''} min={first ?? undefined} max={last ?? undefined} />
            </label>
            <label>
              To
              <input type="date" name="to" className="input" defaultValue={filters.to ?? ''} min={first ?? undefined} max={last ?? undefined} />
            </label>
            <button type="submit" className="btn btn-primary">
              Apply
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
