'use client';

import { useId } from 'react';
import { useFilters } from '@/components/dashboard/useFilters';
import { effectiveTypes } from '@/lib/domain/filters';
import { CONTACT_TYPES, EVENT_TYPES, type EventType } from '@/lib/domain/events';
import { typeColor, typeLabel } from '@/components/labels';
import { usePopover } from './usePopover';

/** Event types: the contacts (meetings, calls, multilateral) by default; others can be switched on. */
export function TypeFilter() {
  const { filters, update } = useFilters();
  const { open, setOpen, close, root, button } = usePopover();
  const id = useId();
  const types = effectiveTypes(filters);
  const isDefault = filters.type.length === 0;

  const toggle = (t: EventType) => {
    const next = types.includes(t) ? types.filter((x) => x !== t) : [...types, t];
    if (next.length) update({ type: next });
  };

  return (
    <div className="fb-item popover-root" ref={root}>
      <button ref={button} type="button" className={`fb-button${isDefault ? '' : ' has-value'}`} aria-expanded={open} aria-controls={`${id}-pop`} onClick={() => setOpen(!open)}>
        {isDefault ? 'Types: contacts' : types.length === 1 && types[0] ? `Type: ${typeLabel(types[0])}` : `Types: ${types.length} of ${EVENT_TYPES.length}`}
        <span aria-hidden="true" className="caret">
          ▾
        </span>
      </button>
      {open && (
        <div className="popover" id={`${id}-pop`}>
          <fieldset className="type-list">
            <legend className="small muted">Event types</legend>
            {EVENT_TYPES.map((t) => (
              <label key={t} className="check-row">
                <input type="checkbox" checked={types.includes(t)} disabled={types.length === 1 && types.includes(t)} onChange={() => toggle(t)} />
                <span className="swatch" style={{ background: typeColor(t) }} aria-hidden="true" />
                {typeLabel(t)}
                {CONTACT_TYPES.includes(t) && <span className="muted small">contact</span>}
              </label>
            ))}
          </fieldset>
          <div className="popover-foot">
            <button type="button" className="btn btn-small" disabled={isDefault} onClick={() => update({ type: [] })}>
              Contacts only
            </button>
            <button type="button" className="btn btn-small" onClick={() => update({ type: [...EVENT_TYPES] })}>
              All types
            </button>
            <button type="button" className="btn btn-small" onClick={() => close(true)}>
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
