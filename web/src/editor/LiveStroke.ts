import { widthAt } from './applyOp.ts';
import type { StrokeOp } from './ops.ts';
import { unionRect, type Rect } from './rect.ts';
import { stampSegment, type Coverage } from './stamp.ts';

/** Per image row, the x range the stroke has touched (min > max: untouched). */
export interface RowSpans {
  min: Int32Array;
  max: Int32Array;
}

const UNTOUCHED = 0x7fffffff;

/**
 * The stroke being drawn: its coverage lives in an image-sized buffer (the "buffer layer") and grows
 * one segment per pointer move, so drawing cost depends on the segment, not the image.
 */
export class LiveStroke {
  /** The buffer, with the row spans touched so far: commit and reset visit only those. */
  readonly coverage: Coverage & { spans: RowSpans };
  private points: number[] = [];
  /** Pen pressure per point, or null for a stroke without pressure (mouse, touch). */
  private pressures: number[] | null = null;
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
      spans: { min: new Int32Array(imageHeight).fill(UNTOUCHED), max: new Int32Array(imageHeight).fill(-1) },
    };
  }

  get active(): boolean {
    return this.points.length > 0;
  }

  /** The area covered so far (image coordinates). */
  get area(): Rect | null {
    return this.bounds;
  }

  begin(
    mode: StrokeOp['mode'],
    width: number,
    hardness: number,
    x: number,
    y: number,
    pressure?: number,
  ): Rect | null {
    this.reset();
    this.mode = mode;
    this.width = width;
    this.hardness = hardness;
    this.points = [x, y];
    this.pressures = pressure === undefined ? null : [clamp01(pressure)];
    return this.stamp(0, 0);
  }

  /** Adds a point; returns the rectangle that changed. */
  extend(x: number, y: number, pressure?: number): Rect | null {
    const n = this.points.length;
    if (n === 0) return null;
    if (this.points[n - 2] === x && this.points[n - 1] === y) return null;
    this.points.push(x, y);
    this.pressures?.push(clamp01(pressure ?? this.pressures.at(-1) ?? 1));
    return this.stamp(n / 2 - 1, n / 2);
  }

  toOp(): StrokeOp {
    return {
      type: 'stroke',
      mode: this.mode,
      points: [...this.points],
      width: this.width,
      hardness: this.hardness,
      ...(this.pressures ? { pressures: [...this.pressures] } : {}),
    };
  }

  /** Zeroes the buffer where the stroke touched it; returns that area. */
  reset(): Rect | null {
    const area = this.bounds;
    if (area) {
      const { data, spans } = this.coverage;
      for (let y = area.y; y < area.y + area.h; y++) {
        if (spans.min[y]! <= spans.max[y]!)
          data.fill(0, y * this.imageWidth + spans.min[y]!, y * this.imageWidth + spans.max[y]! + 1);
        spans.min[y] = UNTOUCHED;
        spans.max[y] = -1;
      }
    }
    this.points = [];
    this.pressures = null;
    this.bounds = null;
    return area;
  }

  /** Stamps the segment between points `a` and `b` (indices), exactly as `stampStroke` replays it. */
  private stamp(a: number, b: number): Rect | null {
    const p = this.points;
    // Called per pointer move: plain locals, no temporary arrays or objects.
    const r = stampSegment(
      this.coverage,
      p[2 * a]!,
      p[2 * a + 1]!,
      p[2 * b]!,
      p[2 * b + 1]!,
      this.widthAt(a),
      this.hardness,
      this.widthAt(b),
    );
    if (r) {
      const { min, max } = this.coverage.spans;
      for (let y = r.y; y < r.y + r.h; y++) {
        if (r.x < min[y]!) min[y] = r.x;
        if (r.x + r.w - 1 > max[y]!) max[y] = r.x + r.w - 1;
      }
    }
    this.bounds = unionRect(this.bounds, r);
    return r;
  }

  private widthAt(i: number): number {
    return this.pressures ? widthAt({ width: this.width, pressures: this.pressures }, i) : this.width;
  }
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
