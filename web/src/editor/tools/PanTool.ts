import type { Tool, ToolContext, ToolPointer } from './Tool.ts';

/** idle → panning: moves the view by the screen-space pointer delta. Never touches the mask. */
export class PanTool implements Tool {
  readonly id = 'pan';
  state: 'idle' | 'panning' = 'idle';
  private last = { sx: 0, sy: 0 };

  onPointerDown(_ctx: ToolContext, e: ToolPointer): void {
    this.state = 'panning';
    this.last = { sx: e.sx, sy: e.sy };
  }

  onPointerMove(ctx: ToolContext, e: ToolPointer): void {
    if (this.state !== 'panning') return;
    ctx.panBy(e.sx - this.last.sx, e.sy - this.last.sy);
    this.last = { sx: e.sx, sy: e.sy };
  }

  onPointerUp(ctx: ToolContext, e: ToolPointer): void {
    this.onPointerMove(ctx, e);
    this.state = 'idle';
  }

  onCancel(): void {
    this.state = 'idle';
  }
}
