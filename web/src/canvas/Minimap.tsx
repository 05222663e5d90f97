import { useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { Editor } from '../editor/Editor.ts';
import type { SourceImage } from '../editor/store.ts';
import { useEditor, useEditorState } from './EditorContext.tsx';
import {
  centreViewOn,
  grabOffset,
  imageFitsView,
  minimapFrame,
  visibleImageRect,
  zoomViewAbout,
} from './minimap.ts';
import { useHtmlImage } from './useHtmlImage.ts';
import { wheelZoomFactor } from './wheelZoom.ts';

const MAX = { width: 200, height: 150 };
/** Mask changes during a stroke arrive at pointer rate; the overview is resampled at most this often. */
const MASK_EVERY_MS = 120;

/** An overview in the canvas corner while the image is larger than the view: drag it to pan. */
export function Minimap() {
  const editor = useEditor();
  const image = useEditorState((s) => s.image);
  const needed = useEditorState(
    (s) =>
      s.image !== null &&
      s.preview === null &&
      s.viewSize.width > 0 &&
      !imageFitsView(s.viewport, s.viewSize, s.image),
  );
  return needed && image ? <MinimapView key={image.url} editor={editor} image={image} /> : null;
}

function MinimapView({ editor, image }: { editor: Editor; image: SourceImage }) {
  const frame = minimapFrame(image, MAX);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const grab = useRef<{ dx: number; dy: number } | null>(null);
  const source = useHtmlImage(image.url);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const dpr = Math.min(2, window.devicePixelRatio || 1);
    const w = Math.round(frame.width * dpr);
    const h = Math.round(frame.height * dpr);
    canvas.width = w;
    canvas.height = h;

    // The image, scaled once: redraws only copy this small canvas.
    const thumb = document.createElement('canvas');
    thumb.width = w;
    thumb.height = h;
    if (source.image) thumb.getContext('2d')?.drawImage(source.image, 0, 0, w, h);
    const maskLayer = document.createElement('canvas');
    maskLayer.width = w;
    maskLayer.height = h;
    const maskCtx = maskLayer.getContext('2d');
    const maskPixels = new ImageData(w, h);

    const sampleMask = () => {
      const mask = editor.mask;
      if (!maskCtx || !mask) return;
      const { r, g, b } = editor.state.overlayColor;
      const px = maskPixels.data;
      // Nearest sample per minimap pixel: a few hundred thousand reads however large the image is.
      for (let y = 0; y < h; y++) {
        const row = Math.min(image.height - 1, Math.floor(((y + 0.5) * image.height) / h)) * image.width;
        for (let x = 0; x < w; x++) {
          const m = mask[row + Math.min(image.width - 1, Math.floor(((x + 0.5) * image.width) / w))] ?? 0;
          const i = 4 * (y * w + x);
          px[i] = r;
          px[i + 1] = g;
          px[i + 2] = b;
          px[i + 3] = m;
        }
      }
      maskCtx.putImageData(maskPixels, 0, 0);
    };

    const draw = () => {
      frameId = 0;
      const s = editor.state;
      ctx.clearRect(0, 0, w, h);
      ctx.drawImage(thumb, 0, 0);
      if (s.maskVisible) {
        ctx.globalAlpha = s.overlayColor.a;
        ctx.drawImage(maskLayer, 0, 0);
        ctx.globalAlpha = 1;
      }
      const r = visibleImageRect(s.viewport, s.viewSize, image);
      if (!r) return;
      const k = frame.scale * dpr;
      const rx = r.x * k;
      const ry = r.y * k;
      const rw = Math.max(2, r.w * k);
      const rh = Math.max(2, r.h * k);
      // Dim what is off screen; outline what is on it (dark under light, readable on any image).
      ctx.fillStyle = 'rgba(0,0,0,0.45)';
      ctx.beginPath();
      ctx.rect(0, 0, w, h);
      ctx.rect(rx, ry, rw, rh);
      ctx.fill('evenodd');
      ctx.lineWidth = 3 * dpr;
      ctx.strokeStyle = 'rgba(0,0,0,0.6)';
      ctx.strokeRect(rx, ry, rw, rh);
      ctx.lineWidth = 1.5 * dpr;
      ctx.strokeStyle = 'rgba(255,255,255,0.95)';
      ctx.strokeRect(rx, ry, rw, rh);
    };
    let frameId = 0;
    const schedule = () => {
      if (!frameId) frameId = requestAnimationFrame(draw);
    };
    let maskTimer: ReturnType<typeof setTimeout> | undefined;
    const onMask = () => {
      if (maskTimer !== undefined) return;
      maskTimer = setTimeout(() => {
        maskTimer = undefined;
        sampleMask();
        schedule();
      }, MASK_EVERY_MS);
    };

    sampleMask();
    draw();
    const offMask = editor.onMaskChange(onMask);
    const offStore = editor.store.subscribe((s, p) => {
      if (s.overlayColor !== p.overlayColor) onMask();
      if (
        s.viewport !== p.viewport ||
        s.viewSize !== p.viewSize ||
        s.maskVisible !== p.maskVisible ||
        s.overlayColor !== p.overlayColor
      )
        schedule();
    });
    return () => {
      offMask();
      offStore();
      clearTimeout(maskTimer);
      if (frameId) cancelAnimationFrame(frameId);
    };
  }, [editor, image, frame.width, frame.height, frame.scale, source.image]);

  // The wheel zooms the main view about the image point under the pointer. A non-passive listener, so
  // the page (or the canvas behind) does not scroll or zoom as well.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      e.stopPropagation();
      const box = canvas.getBoundingClientRect();
      const ix = (e.clientX - box.left) / frame.scale;
      const iy = (e.clientY - box.top) / frame.scale;
      const v = editor.state.viewport;
      editor.store.setState({ viewport: zoomViewAbout(v, wheelZoomFactor(e), ix, iy) });
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [editor, frame.scale]);

  /** Pans the main view so the pointer's image point (plus the grab offset) is at its centre. */
  const panTo = (e: PointerEvent<HTMLCanvasElement>, offset: { dx: number; dy: number }) => {
    const box = e.currentTarget.getBoundingClientRect();
    const ix = (e.clientX - box.left) / frame.scale;
    const iy = (e.clientY - box.top) / frame.scale;
    const s = editor.state;
    // The view's centre stays on the image, so the view never drifts off it.
    const cx = Math.min(image.width, Math.max(0, ix + offset.dx));
    const cy = Math.min(image.height, Math.max(0, iy + offset.dy));
    editor.store.setState({ viewport: centreViewOn(s.viewport, s.viewSize, cx, cy) });
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    const box = e.currentTarget.getBoundingClientRect();
    const s = editor.state;
    const ix = (e.clientX - box.left) / frame.scale;
    const iy = (e.clientY - box.top) / frame.scale;
    grab.current = grabOffset(s.viewport, s.viewSize, image, ix, iy);
    panTo(e, grab.current);
  };

  // Arrow keys pan by a tenth of the view (Shift: half), for keyboard users.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const { width, height } = editor.state.viewSize;
    const step = e.shiftKey ? 0.5 : 0.1;
    const d = { ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] }[e.key];
    if (!d) return;
    e.preventDefault();
    editor.panBy(d[0]! * width * step, d[1]! * height * step);
  };

  return (
    <div
      role="group"
      aria-label="Minimap"
      tabIndex={0}
      title="Minimap: click or drag to move the view, wheel to zoom there (arrow keys pan)"
      onKeyDown={onKeyDown}
      className="absolute top-3 right-3 z-10 overflow-hidden rounded-md border border-neutral-700 bg-neutral-950/90 shadow-xl outline-none focus-visible:ring-2 focus-visible:ring-pink-400"
    >
      <canvas
        ref={canvasRef}
        data-testid="minimap-canvas"
        style={{ width: frame.width, height: frame.height, display: 'block', cursor: 'crosshair' }}
        className="touch-none"
        onPointerDown={onPointerDown}
        onPointerMove={(e) => {
          if (grab.current) panTo(e, grab.current);
        }}
        onPointerUp={() => (grab.current = null)}
        onPointerCancel={() => (grab.current = null)}
      />
    </div>
  );
}
