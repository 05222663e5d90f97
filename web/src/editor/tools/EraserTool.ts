import { StrokeTool } from './StrokeTool.ts';

export class EraserTool extends StrokeTool {
  readonly id = 'eraser';
  protected readonly mode = 'erase' as const;
}
