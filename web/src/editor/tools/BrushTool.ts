import { StrokeTool } from './StrokeTool.ts';

export class BrushTool extends StrokeTool {
  readonly id = 'brush';
  protected readonly mode = 'paint' as const;
}
