import { zoomAt, type Viewport } from '../editor/viewport.ts';

export interface Size {
  width: number;
  height: number;
}

/** An axis-aligned rectangle (x, y, w, h) in whatever space the caller names. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The minimap's size for an image: the image's aspect inside `max`, and minimap pixels per image pixel. */
export function minimapFrame(image: Size, max: Size): Size & { scale: number } {
  const scale = Math.min(max.width / image.width, max.height / image.height);
  return {
    width: Math.max(1, Math.round(image.width * scale)),
    height: Math.max(1, Math.round(image.height * scale)),
    scale,
  };
}

/** True when the whole image is on screen (then a minimap has nothing to add). Half a pixel of slack. */
export function imageFitsView(v: Viewport, view: Size, image: Size): boolean {
  const eps = 0.5;
  return (
    v.x >= -eps &&
    v.y >= -eps &&
    v.x + image.width * v.scale <= view.width + eps &&
    v.y + image.height * v.scale <= view.height + eps
  );
}

/** The part of the image the view shows, in image pixels, clipped to the image (null: none of it). */
export function visibleImageRect(v: Viewport, view: Size, image: Size): Box | null {
  const x0 = Math.max(0, -v.x / v.scale);
  const y0 = Math.max(0, -v.y / v.scale);
  const x1 = Math.min(image.width, (view.width - v.x) / v.scale);
  const y1 = Math.min(image.height, (view.height - v.y) / v.scale);
  return x1 > x0 && y1 > y0 ? { x: x0, y: y0, w: x1 - x0, h: y1 - y0 } : null;
}

/** The viewport at the same zoom with image point (ix, iy) at the centre of the view. */
export function centreViewOn(v: Viewport, view: Size, ix: number, iy: number): Viewport {
  return { scale: v.scale, x: view.width / 2 - ix * v.scale, y: view.height / 2 - iy * v.scale };
}

/** The image point under the view's centre. */
export function viewCentre(v: Viewport, view: Size): { x: number; y: number } {
  return { x: (view.width / 2 - v.x) / v.scale, y: (view.height / 2 - v.y) / v.scale };
}

/**
 * Where a press on the minimap grabs the view: on the viewport rectangle it keeps the offset from the
 * view's centre (the rectangle moves with the pointer); elsewhere it jumps there (offset 0).
 */
export function grabOffset(
  v: Viewport,
  view: Size,
  image: Size,
  ix: number,
  iy: number,
): { dx: number; dy: number } {
  const r = visibleImageRect(v, view, image);
  const inside = r !== null && ix >= r.x && ix <= r.x + r.w && iy >= r.y && iy <= r.y + r.h;
  if (!inside) return { dx: 0, dy: 0 };
  const c = viewCentre(v, view);
  return { dx: c.x - ix, dy: c.y - iy };
}

/**
 * Zooms the view by `factor` about image point (ix, iy): that point keeps its place on screen (on it or
 * not), so on the minimap the viewport rectangle scales about the pointer. Same limits as any zoom.
 */
export function zoomViewAbout(v: Viewport, factor: number, ix: number, iy: number): Viewport {
  return zoomAt(v, factor, v.x + ix * v.scale, v.y + iy * v.scale);
}
