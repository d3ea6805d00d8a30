/**
 * Tracks an element's content width, so d3 layouts redo themselves on resize only. Null until
 * the first measurement, so callers can skip drawing at a guessed width.
 */
import { useLayoutEffect, useState, type RefObject } from 'react';

export function useElementWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el === null) return;
    setWidth(Math.max(1, Math.floor(el.clientWidth)));
    const ro = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w !== undefined) setWidth(Math.max(1, Math.floor(w)));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
