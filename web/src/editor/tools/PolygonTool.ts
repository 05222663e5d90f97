import type { Tool, ToolContext, ToolPointer } from './Tool.ts';

/** A click this close (screen pixels) to the first point closes the polygon. */
export const CLOSE_DISTANCE = 8;

/**
 * idle → placing: each click adds a corner; a rubber band follows the pointer. Clicking the first
 * corner (with three or more placed) or Enter closes and commits; Escape drops the whole polygon.
 * Alt on any click subtracts.
 */
export class PolygonTool implements Tool {
  readonly id = 'polygon';
  state: 'idle' | 'placing' = 'idle';
  private points: number[] = [];
  private alt = false;

  get continues(): boolean {
    return this.state === 'placing';
  }

  onPointerDown(ctx: ToolContext, e: ToolPointer): void {
    if (this.state === 'idle') {
      this.points = [];
      this.alt = false;
      this.state = 'placing';
    }
    this.alt ||= e.alt === true;
    if (this.points.length >= 6 && this.nearFirst(ctx, e)) {
      this.onCommit(ctx);
      return;
    }
    const n = this.points.length;
    if (this.points[n - 2] !== e.x || this.points[n - 1] !== e.y) this.points.push(e.x, e.y);
    this.show(ctx, e);
  }

  onPointerMove(ctx: ToolContext, e: ToolPointer): void {
    if (this.state === 'placing') this.show(ctx, e);
  }

  onPointerUp(): void {
    // Corners are placed on pointer-down; the gesture continues until closed.
  }

  onCommit(ctx: ToolContext): void {
    if (this.state !== 'placing') return;
    const points = this.points;
    this.state = 'idle';
    this.points = [];
    if (points.length >= 6) ctx.commitShape(this.alt ? 'erase' : 'paint', points);
    else ctx.showShape(null);
  }

  onCancel(ctx: ToolContext): void {
    if (this.state === 'idle') return;
    this.state = 'idle';
    this.points = [];
    ctx.showShape(null);
  }

  private nearFirst(ctx: ToolContext, e: ToolPointer): boolean {
    const d = Math.hypot(e.x - this.points[0]!, e.y - this.points[1]!) * ctx.viewScale();
    return d <= CLOSE_DISTANCE;
  }

  private show(ctx: ToolContext, e: ToolPointer): void {
    const n = this.points.length;
    const moved = this.points[n - 2] !== e.x || this.points[n - 1] !== e.y;
    const points = moved ? [...this.points, e.x, e.y] : [...this.points];
    ctx.showShape({ points, closed: false, mode: this.alt ? 'erase' : 'paint' });
  }
}
