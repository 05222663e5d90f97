import { useEffect, useState } from 'react';
import type { Editor } from '../editor/Editor.ts';
import { DEFAULT_OVERLAY } from '../editor/overlay.ts';
import { unionRect, type Rect } from '../editor/rect.ts';
import type { SourceImage } from '../editor/store.ts';

/**
 * An image-sized canvas holding the coloured mask overlay. The editor reports changed rectangles at
 * pointer rate; they are merged and painted once per animation frame with putImageData, then `redraw`
 * asks Konva to repaint — React never re-renders for a stroke.
 */
export function useMaskCanvas(
  editor: Editor,
  image: SourceImage | null,
  redraw: () => void,
): HTMLCanvasElement | null {
  const [canvas, setCanvas] = useState<HTMLCanvasElement | null>(null);
  const width = image?.width ?? 0;
  const height = image?.height ?? 0;

  useEffect(() => {
    if (width === 0 || height === 0) return;
    const el = document.createElement('canvas');
    el.width = width;
    el.height = height;
    const ctx = el.getContext('2d');
    if (!ctx) return;
    let pending: Rect | null = { x: 0, y: 0, w: width, h: height };
    let frame = 0;
    const flush = () => {
      frame = 0;
      const area = pending;
      pending = null;
      if (!area) return;
      const px = editor.overlay(area, DEFAULT_OVERLAY);
      if (px) ctx.putImageData(new ImageData(px, area.w, area.h), area.x, area.y);
      redraw();
    };
    const off = editor.onMaskChange((dirty) => {
      pending = unionRect(pending, dirty);
      if (!frame) frame = requestAnimationFrame(flush);
    });
    flush();
    setCanvas(el);
    return () => {
      off();
      if (frame) cancelAnimationFrame(frame);
      setCanvas(null);
    };
  }, [editor, width, height, redraw]);

  return canvas;
}
