import type { Size } from '@maskfill/server/contract';
import { useEffect, useRef } from 'react';
import type { FrameRect, Preflight } from './preflight.ts';

const BOX = { width: 320, height: 220 };

/**
 * The source image with the output frame over it: the crop (solid) and, when the provider does not
 * say how it fits another shape, the letterbox (dashed) too. Outside the crop is dimmed.
 */
export function FramePreview({ url, image, preflight }: { url: string; image: Size; preflight: Preflight }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { cover, contain, aspectDiffers } = preflight.frame;
  const showContain = aspectDiffers && preflight.fit === 'unknown';

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    // Room for letterbox bars outside the image when they are drawn.
    const area = showContain ? union({ x: 0, y: 0, w: image.width, h: image.height }, contain) : null;
    const bounds = area ?? { x: 0, y: 0, w: image.width, h: image.height };
    const scale = Math.min(BOX.width / bounds.w, BOX.height / bounds.h);
    canvas.width = Math.round(bounds.w * scale);
    canvas.height = Math.round(bounds.h * scale);
    const at = (r: FrameRect) =>
      [(r.x - bounds.x) * scale, (r.y - bounds.y) * scale, r.w * scale, r.h * scale] as const;
    const draw = (img: HTMLImageElement | null) => {
      ctx.fillStyle = '#0a0a0a';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      if (img) ctx.drawImage(img, ...at({ x: 0, y: 0, w: image.width, h: image.height }));
      if (!aspectDiffers) return;
      // Dim what the crop drops.
      const [cx, cy, cw, ch] = at(cover);
      ctx.fillStyle = 'rgba(0,0,0,0.55)';
      ctx.fillRect(0, 0, canvas.width, cy);
      ctx.fillRect(0, cy + ch, canvas.width, canvas.height - cy - ch);
      ctx.fillRect(0, cy, cx, ch);
      ctx.fillRect(cx + cw, cy, canvas.width - cx - cw, ch);
      ctx.lineWidth = 2;
      ctx.strokeStyle = '#ec4899';
      ctx.strokeRect(cx + 1, cy + 1, cw - 2, ch - 2);
      if (showContain) {
        ctx.setLineDash([6, 4]);
        ctx.strokeStyle = '#fbbf24';
        const [lx, ly, lw, lh] = at(contain);
        ctx.strokeRect(lx + 1, ly + 1, lw - 2, lh - 2);
        ctx.setLineDash([]);
      }
    };
    draw(null);
    const img = new Image();
    img.onload = () => draw(img);
    img.src = url;
    return () => {
      img.onload = null;
    };
  }, [url, image.width, image.height, cover, contain, aspectDiffers, showContain]);

  const fmt = (r: FrameRect) => [r.x, r.y, r.w, r.h].map((v) => Math.round(v)).join(',');
  return (
    <figure className="flex flex-col gap-1.5">
      <canvas
        ref={ref}
        data-testid="preflight-frame"
        data-aspect-differs={aspectDiffers}
        data-crop={fmt(cover)}
        data-letterbox={fmt(contain)}
        aria-label={
          aspectDiffers
            ? `Output frame ${preflight.outputSize.width} × ${preflight.outputSize.height} over the image: the area outside it is cropped`
            : 'Output frame: the whole image'
        }
        role="img"
        className="self-start rounded border border-neutral-800"
      />
      <figcaption className="text-[11px] text-neutral-500">
        {aspectDiffers ? (
          <>
            <span className="text-pink-400">■</span> output frame (crop)
            {showContain ? (
              <>
                {' · '}
                <span className="text-amber-400">▭</span> letterbox
              </>
            ) : null}
          </>
        ) : (
          'The output has the image’s shape: nothing is cropped.'
        )}
      </figcaption>
    </figure>
  );
}

function union(a: FrameRect, b: FrameRect): FrameRect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}
