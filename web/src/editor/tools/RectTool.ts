import type { Tool, ToolContext, ToolPointer } from './Tool.ts';

/**
 * idle → dragging (pointer down at one corner) → idle (pointer up at the other commits the rectangle).
 * Alt at any point of the drag subtracts; a drag with no area adds nothing.
 */
export class RectTool implements Tool {
  readonly id = 'rect';
  state: 'idle' | 'dragging' = 'idle';
  private start = { x: 0, y: 0 };
  private alt = false;

  onPointerDown(ctx: ToolContext, e: ToolPointer): void {
    this.start = { x: e.x, y: e.y };
    this.alt = e.alt === true;
    this.state = 'dragging';
    this.show(ctx, e);
  }

  onPointerMove(ctx: ToolContext, e: ToolPointer): void {
    if (this.state !== 'dragging') return;
    this.alt ||= e.alt === true;
    this.show(ctx, e);
  }

  onPointerUp(ctx: ToolContext, e: ToolPointer): void {
    if (this.state !== 'dragging') return;
    this.alt ||= e.alt === true;
    this.state = 'idle';
    const points = this.corners(e);
    if (e.x !== this.start.x && e.y !== this.start.y) ctx.commitShape(this.mode, points);
    else ctx.showShape(null);
  }

  onCancel(ctx: ToolContext): void {
    if (this.state === 'idle') return;
    this.state = 'idle';
    ctx.showShape(null);
  }

  private get mode() {
    return this.alt ? ('erase' as const) : ('paint' as const);
  }

  private corners(e: ToolPointer): number[] {
    const { x, y } = this.start;
    return [x, y, e.x, y, e.x, e.y, x, e.y];
  }

  private show(ctx: ToolContext, e: ToolPointer): void {
    ctx.showShape({ points: this.corners(e), closed: true, mode: this.mode });
  }
}
