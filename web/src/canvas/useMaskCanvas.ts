import { useEffect, useState } from 'react';
import type { Editor } from '../editor/Editor.ts';
import type { MaskCache } from '../editor/MaskCache.ts';
import { unionRect, type Rect } from '../editor/rect.ts';
import type { SourceImage } from '../editor/store.ts';

const BAND_PIXELS = 1 << 20;

/**
 * Overlay canvases by the mask rasters they show. A workspace tab keeps its rasters while it is away
 * (see features/tabs), so coming back reuses its painted overlay instead of repainting the whole image;
 * the entry goes when the rasters do.
 */
const painted = new WeakMap<MaskCache, { canvas: HTMLCanvasElement; color: string }>();

const colorKey = (c: { r: number; g: number; b: number }) => `${c.r},${c.g},${c.b}`;

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
    const raster = editor.maskRaster;
    if (width === 0 || height === 0 || !raster) return;
    const color = colorKey(editor.state.overlayColor);
    const kept = painted.get(raster);
    const reuse = kept && kept.canvas.width === width && kept.canvas.height === height;
    const el = reuse ? kept.canvas : document.createElement('canvas');
    // Only a new canvas is sized: setting the size clears it, even to the same value.
    if (!reuse) {
      el.width = width;
      el.height = height;
    }
    const entry = { canvas: el, color };
    const ctx = el.getContext('2d');
    if (!ctx) return;
    // A fresh canvas is transparent: only a restored mask needs a first full paint; a kept one is
    // already right unless the colour changed while it was away.
    const full = { x: 0, y: 0, w: width, h: height };
    let pending: Rect | null = reuse
      ? kept.color === color
        ? null
        : full
      : editor.state.ops.length > 0
        ? full
        : null;
    painted.set(raster, entry);
    let frame = 0;
    const flush = () => {
      frame = 0;
      const area = pending;
      pending = null;
      // The editor may already show another image's rasters (a tab switch before this effect is gone).
      if (!area || editor.maskRaster !== raster) return;
      // Paint in bands so a full repaint of a huge mask never allocates one giant ImageData.
      const rows = Math.max(1, Math.floor(BAND_PIXELS / area.w));
      for (let y = area.y; y < area.y + area.h; y += rows) {
        const band = { x: area.x, y, w: area.w, h: Math.min(rows, area.y + area.h - y) };
        // Full alpha here: the opacity is the Konva node's, so changing it never repaints the raster.
        const px = editor.overlay(band, { ...editor.state.overlayColor, a: 1 });
        if (px) ctx.putImageData(new ImageData(px, band.w, band.h), band.x, band.y);
      }
      entry.color = colorKey(editor.state.overlayColor);
      redraw();
    };
    const off = editor.onMaskChange((dirty, change) => {
      // A committed stroke is already on screen: repainting its box cost a frame on big strokes.
      if (editor.maskRaster !== raster || change === 'shown') return;
      pending = unionRect(pending, dirty);
      if (!frame) frame = requestAnimationFrame(flush);
    });
    // A new colour repaints everything (rare); opacity and visibility are the node's.
    const offColor = editor.store.subscribe((st, prev) => {
      const c = st.overlayColor;
      const p = prev.overlayColor;
      if (c.r === p.r && c.g === p.g && c.b === p.b) return;
      pending = full;
      if (!frame) frame = requestAnimationFrame(flush);
    });
    flush();
    setCanvas(el);
    return () => {
      off();
      offColor();
      if (frame) cancelAnimationFrame(frame);
      setCanvas(null);
    };
  }, [editor, image, width, height, redraw]);

  return canvas;
}
