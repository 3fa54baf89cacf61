'use client';

import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Shows a fixed-size picture (the weekly card, 1200×675) whole on any screen: scaled down to
 * the width there is, never up. Before the page's script runs the frame scrolls sideways
 * instead, so no part of the card is ever out of reach.
 */
export function FitToWidth({ width, height, children, className }: { width: number; height: number; children: ReactNode; className?: string }) {
  const frame = useRef<HTMLDivElement>(null);
  const [scale, setScale] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = frame.current;
    if (!el) return;
    const fit = () => setScale(Math.min(1, el.clientWidth / width));
    fit();
    const ro = new ResizeObserver(fit);
    ro.observe(el);
    return () => ro.disconnect();
  }, [width]);
  return (
    <div ref={frame} style={{ width: '100%', maxWidth: width, overflowX: scale === null ? 'auto' : 'hidden', margin: '0 auto' }} data-testid="fit-frame" data-scale={scale ?? ''}>
      <div style={{ height: scale === null ? height : Math.ceil(height * scale) }}>
        <div className={className} style={{ width, height, transform: scale === null || scale === 1 ? undefined : `scale(${scale})`, transformOrigin: 'top left' }}>
          {children}
        </div>
      </div>
    </div>
  );
}
