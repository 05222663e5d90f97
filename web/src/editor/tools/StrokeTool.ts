import type { StrokeOp } from '../ops.ts';
import type { Tool, ToolContext, ToolPointer } from './Tool.ts';

/** idle → drawing (pointer down) → idle (pointer up commits one undo step; cancel drops it). */
export abstract class StrokeTool implements Tool {
  abstract readonly id: string;
  protected abstract readonly mode: StrokeOp['mode'];
  state: 'idle' | 'drawing' = 'idle';

  onPointerDown(ctx: ToolContext, e: ToolPointer): void {
    if (this.state === 'drawing') ctx.cancelStroke();
    ctx.beginStroke(this.mode, e.x, e.y, e.pressure);
    this.state = 'drawing';
  }

  onPointerMove(ctx: ToolContext, e: ToolPointer): void {
    if (this.state === 'drawing') ctx.extendStroke(e.x, e.y, e.pressure);
  }

  onPointerUp(ctx: ToolContext, e: ToolPointer): void {
    if (this.state !== 'drawing') return;
    ctx.extendStroke(e.x, e.y, e.pressure);
    ctx.commitStroke();
    this.state = 'idle';
  }

  onCancel(ctx: ToolContext): void {
    if (this.state !== 'drawing') return;
    ctx.cancelStroke();
    this.state = 'idle';
  }
}
