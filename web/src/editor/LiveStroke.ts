import type { StrokeOp } from './ops.ts';
import { unionRect, type Rect } from './rect.ts';
import { stampSegment, type Coverage } from './stamp.ts';

/**
 * The stroke being drawn: its coverage lives in an image-sized buffer (the "buffer layer") and grows
 * one segment per pointer move, so drawing cost depends on the segment, not the image.
 */
export class LiveStroke {
  readonly coverage: Coverage;
  private points: number[] = [];
  private bounds: Rect | null = null;
  mode: StrokeOp['mode'] = 'paint';
  width = 1;
  hardness = 1;

  constructor(
    readonly imageWidth: number,
    readonly imageHeight: number,
  ) {
    this.coverage = {
      data: new Uint8Array(imageWidth * imageHeight),
      rect: { x: 0, y: 0, w: imageWidth, h: imageHeight },
    };
  }

  get active(): boolean {
    return this.points.length > 0;
  }

  /** The area covered so far (image coordinates). */
  get area(): Rect | null {
    return this.bounds;
  }

  begin(mode: StrokeOp['mode'], width: number, hardness: number, x: number, y: number): Rect | null {
    this.reset();
    this.mode = mode;
    this.width = width;
    this.hardness = hardness;
    this.points = [x, y];
    return this.stamp(x, y, x, y);
  }

  /** Adds a point; returns the rectangle that changed. */
  extend(x: number, y: number): Rect | null {
    const n = this.points.length;
    if (n === 0) return null;
    const px = this.points[n - 2]!;
    const py = this.points[n - 1]!;
    if (px === x && py === y) return null;
    this.points.push(x, y);
    return this.stamp(px, py, x, y);
  }

  toOp(): StrokeOp {
    return {
      type: 'stroke',
      mode: this.mode,
      points: [...this.points],
      width: this.width,
      hardness: this.hardness,
    };
  }

  /** Zeroes the buffer where the stroke touched it; returns that area. */
  reset(): Rect | null {
    const area = this.bounds;
    if (area) {
      const { data } = this.coverage;
      for (let y = area.y; y < area.y + area.h; y++)
        data.fill(0, y * this.imageWidth + area.x, y * this.imageWidth + area.x + area.w);
    }
    this.points = [];
    this.bounds = null;
    return area;
  }

  private stamp(ax: number, ay: number, bx: number, by: number): Rect | null {
    const r = stampSegment(this.coverage, ax, ay, bx, by, this.width, this.hardness);
    this.bounds = unionRect(this.bounds, r);
    return r;
  }
}
