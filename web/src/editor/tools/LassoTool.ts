import type { Tool, ToolContext, ToolPointer } from './Tool.ts';

/** idle → drawing (freehand outline follows the pointer) → idle (pointer up closes and commits it). */
export class LassoTool implements Tool {
  readonly id = 'lasso';
  state: 'idle' | 'drawing' = 'idle';
  private points: number[] = [];
  private alt = false;

  onPointerDown(ctx: ToolContext, e: ToolPointer): void {
    this.points = [e.x, e.y];
    this.alt = e.alt === true;
    this.state = 'drawing';
    this.show(ctx);
  }

  onPointerMove(ctx: ToolContext, e: ToolPointer): void {
    if (this.state !== 'drawing') return;
    this.add(e);
    this.show(ctx);
  }

  onPointerUp(ctx: ToolContext, e: ToolPointer): void {
    if (this.state !== 'drawing') return;
    this.add(e);
    this.state = 'idle';
    // Fewer than three distinct points enclose nothing.
    if (this.points.length >= 6) ctx.commitShape(this.alt ? 'erase' : 'paint', this.points);
    else ctx.showShape(null);
    this.points = [];
  }

  onCancel(ctx: ToolContext): void {
    if (this.state === 'idle') return;
    this.state = 'idle';
    this.points = [];
    ctx.showShape(null);
  }

  private add(e: ToolPointer): void {
    this.alt ||= e.alt === true;
    const n = this.points.length;
    if (this.points[n - 2] !== e.x || this.points[n - 1] !== e.y) this.points.push(e.x, e.y);
  }

  private show(ctx: ToolContext): void {
    ctx.showShape({ points: [...this.points], closed: false, mode: this.alt ? 'erase' : 'paint' });
  }
}
