import { useCallback, useRef, useState } from 'react';

export interface View {
  scale: number;
  x: number;
  y: number;
}

const IDENTITY: View = { scale: 1, x: 0, y: 0 };

/**
 * One zoom/pan shared by every cell: a wheel or drag on any cell moves them all, so the same detail
 * can be compared across the grid. Cells are the same size, so one transform fits all.
 */
export function useLinkedView() {
  const [view, setView] = useState<View>(IDENTITY);
  const drag = useRef<{ x: number; y: number } | null>(null);

  const onWheel = useCallback((e: React.WheelEvent<HTMLElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - r.left;
    const py = e.clientY - r.top;
    setView((v) => {
      const scale = Math.min(16, Math.max(1, v.scale * Math.exp(-e.deltaY * 0.0015)));
      // Keep the point under the pointer fixed.
      const k = scale / v.scale;
      return clamp({ scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k }, r.width, r.height);
    });
  }, []);

  const onPointerDown = useCallback((e: React.PointerEvent<HTMLElement>) => {
    if (e.button !== 0) return;
    drag.current = { x: e.clientX, y: e.clientY };
    e.currentTarget.setPointerCapture(e.pointerId);
  }, []);

  const onPointerMove = useCallback((e: React.PointerEvent<HTMLElement>) => {
    const d = drag.current;
    if (!d) return;
    const r = e.currentTarget.getBoundingClientRect();
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    drag.current = { x: e.clientX, y: e.clientY };
    setView((v) => clamp({ ...v, x: v.x + dx, y: v.y + dy }, r.width, r.height));
  }, []);

  const onPointerUp = useCallback(() => {
    drag.current = null;
  }, []);

  return {
    view,
    reset: () => setView(IDENTITY),
    handlers: { onWheel, onPointerDown, onPointerMove, onPointerUp, onDoubleClick: () => setView(IDENTITY) },
  };
}

/** The image never leaves a gap at an edge of its cell. */
function clamp(v: View, w: number, h: number): View {
  return {
    scale: v.scale,
    x: Math.min(0, Math.max(w - w * v.scale, v.x)),
    y: Math.min(0, Math.max(h - h * v.scale, v.y)),
  };
}
