'use client';

import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { statsQuery } from '@/components/data/stats';
import { formatNumber } from '@/components/format';
import { EMPTY_FILTERS } from '@/lib/domain/filters';
import { presentOptions } from './options';
import { usePopover } from './usePopover';

export interface Option {
  value: string;
  label: string;
  /** Second line or hover text: the Russian name, a full name. */
  hint?: string;
  /** A flag or other glyph before the label. */
  icon?: string;
  /** Indented under the option before it (a subregion under its region). */
  indent?: boolean;
  /** More text the type-ahead matches (codes, other names). */
  search?: string;
  /** Events with it in the data, shown beside it. */
  count?: number;
}

interface MultiSelectProps {
  label: string;
  options: readonly Option[];
  selected: readonly string[];
  onToggle: (value: string) => void;
  placeholder?: string;
  /**
   * The stats that count the options: once the list is opened it holds only what occurs in the
   * data (all stored events), most first, each with its count.
   */
  countsFrom?: 'countries' | 'organizations' | 'topics' | 'principals';
}

const MAX_SHOWN = 120;

function fold(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/ё/g, 'е');
}

/** A button that opens a type-ahead list of options to tick (ARIA combobox + multi-select listbox). */
export function MultiSelect({ label, options: all, selected, onToggle, placeholder = 'Type to search', countsFrom }: MultiSelectProps) {
  const { open, setOpen, close, root, button } = usePopover();
  // Asked for when the list first opens, not with the page.
  const counts = useQuery({ ...statsQuery(countsFrom ?? 'countries', EMPTY_FILTERS), enabled: Boolean(countsFrom) && open }).data;
  const options = useMemo(() => (countsFrom ? presentOptions(all, counts, selected) : all), [all, counts, countsFrom, selected]);
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const index = useMemo(() => options.map((o) => fold(`${o.label} ${o.hint ?? ''} ${o.value} ${o.search ?? ''}`)), [options]);
  const shown = useMemo(() => {
    const q = fold(text.trim());
    const hits = q ? options.filter((_, i) => index[i]?.includes(q)) : options;
    return hits.slice(0, MAX_SHOWN);
  }, [options, index, text]);
  const chosen = new Set(selected);
  const current = Math.min(active, shown.length - 1);

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, shown.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Home') {
      setActive(0);
    } else if (e.key === 'End') {
      setActive(shown.length - 1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const o = shown[current];
      if (o) onToggle(o.value);
    }
  };

  return (
    <div className="fb-item popover-root" ref={root}>
      <button
        ref={button}
        type="button"
        className={`fb-button${selected.length ? ' has-value' : ''}`}
        aria-expanded={open}
        aria-controls={`${id}-pop`}
        onClick={() => {
          setOpen(!open);
          setText('');
          setActive(0);
        }}
      >
        {label}
        {selected.length > 0 && <span className="fb-count num">{selected.length}</span>}
        <span aria-hidden="true" className="caret">
          ▾
        </span>
      </button>
      {open && (
        <div className="popover" id={`${id}-pop`}>
          <input
            type="text"
            className="input"
            role="combobox"
            aria-label={`${label}: search`}
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-autocomplete="list"
            aria-activedescendant={shown[current] ? `${id}-o-${current}` : undefined}
            placeholder={placeholder}
            value={text}
            autoFocus
            onChange={(e) => {
              setText(e.target.value);
              setActive(0);
            }}
            onKeyDown={onKey}
          />
          <ul className="listbox" role="listbox" id={`${id}-list`} aria-label={label} aria-multiselectable="true">
            {shown.map((o, i) => (
              <li
                key={o.value}
                id={`${id}-o-${i}`}
                role="option"
                aria-selected={chosen.has(o.value)}
                className={`option${i === current ? ' is-active' : ''}${o.indent ? ' is-indent' : ''}`}
                title={o.hint}
                onPointerDown={(e) => e.preventDefault()}
                onClick={() => onToggle(o.value)}
                onMouseMove={() => i !== current && setActive(i)}
              >
                <span className="check" aria-hidden="true">
                  {chosen.has(o.value) ? '✓' : ''}
                </span>
                {o.icon && <span aria-hidden="true">{o.icon}</span>}
                <span className="option-label">{o.label}</span>
                {o.hint && <span className="option-hint">{o.hint}</span>}
                {o.count !== undefined && <span className="option-count num muted">{formatNumber(o.count)}</span>}
              </li>
            ))}
            {shown.length === 0 && <li className="option is-empty">Nothing matches “{text}”.</li>}
          </ul>
          <div className="popover-foot">
            <span className="muted small">{selected.length ? `${selected.length} selected` : '↑↓ to move, Enter to tick'}</span>
            <button type="button" className="btn btn-small" onClick={() => close(true)}>
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
