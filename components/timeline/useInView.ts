'use client';

import { useEffect, useRef } from 'react';

/** Calls `onEnter` whenever the element scrolls into view (with a margin, to load ahead). */
export function useInView<T extends Element>(onEnter: () => void, enabled: boolean, rootMargin = '600px') {
  const ref = useRef<T>(null);
  const latest = useRef(onEnter);
  useEffect(() => {
    latest.current = onEnter;
  }, [onEnter]);
  useEffect(() => {
    const el = ref.current;
    if (!el || !enabled || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) latest.current();
    }, { rootMargin });
    io.observe(el);
    return () => io.disconnect();
  }, [enabled, rootMargin]);
  return ref;
}
