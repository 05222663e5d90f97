import { clearMask } from './commands/clearMask.ts';
import type { EditorCommand } from './commands/command.ts';
import { invertMask } from './commands/invertMask.ts';
import { exportMaskPng } from './exportMask.ts';
import * as history from './history.ts';
import { LiveStroke } from './LiveStroke.ts';
import { MaskCache } from './MaskCache.ts';
import type { MaskOp, StrokeOp } from './ops.ts';
import { overlayPixels, type OverlayColor } from './overlay.ts';
import { fullRect, type Rect } from './rect.ts';
import {
  createEditorStore,
  MAX_BRUSH,
  MIN_BRUSH,
  type EditorState,
  type PreviewImage,
  type SourceImage,
  type ToolId,
} from './store.ts';
import { BrushTool } from './tools/BrushTool.ts';
import { EraserTool } from './tools/EraserTool.ts';
import { PanTool } from './tools/PanTool.ts';
import type { Tool, ToolContext, ToolPointer } from './tools/Tool.ts';
import { fitViewport, zoomAt } from './viewport.ts';

export type MaskListener = (dirty: Rect) => void;

/**
 * The framework-free editor: a zustand store (tool, brush, view, mask ops) plus the rasters that
 * follow it. The canvas layer feeds it pointer events in image coordinates and paints the rectangles
 * it reports through `onMaskChange`.
 */
export class Editor {
  readonly store = createEditorStore();
  private cache: MaskCache | null = null;
  private live: LiveStroke | null = null;
  private readonly tools: Record<ToolId, Tool> = {
    brush: new BrushTool(),
    eraser: new EraserTool(),
    pan: new PanTool(),
  };
  /** The tool that owns the gesture in progress (fixed at pointer-down). */
  private gestureTool: Tool | null = null;
  private readonly listeners = new Set<MaskListener>();

  private readonly ctx: ToolContext = {
    beginStroke: (mode, x, y) => this.beginStroke(mode, x, y),
    extendStroke: (x, y) => this.emit(this.live?.extend(x, y) ?? null),
    commitStroke: () => this.commitStroke(),
    cancelStroke: () => this.emit(this.live?.reset() ?? null),
    panBy: (dx, dy) => {
      const v = this.state.viewport;
      this.store.setState({ viewport: { ...v, x: v.x + dx, y: v.y + dy } });
    },
  };

  constructor(init?: Partial<EditorState>) {
    if (init) this.store.setState(init);
    this.onImage(this.state.image);
    this.store.subscribe((s, prev) => {
      if (s.image !== prev.image) this.onImage(s.image);
      else if (s.ops !== prev.ops) this.emit(this.cache?.sync(s.ops) ?? null);
    });
  }

  get state(): EditorState {
    return this.store.getState();
  }

  /** The tool pointer events go to now (Space borrows the pan tool). */
  get activeTool(): Tool {
    return this.gestureTool ?? this.tools[this.state.spacePan ? 'pan' : this.state.tool];
  }

  get gestureActive(): boolean {
    return this.gestureTool !== null;
  }

  /** Replaces the image; the mask and its history start over unless given (a restored draft). */
  loadImage(image: SourceImage, ops: MaskOp[] = [], redo: MaskOp[] = []): void {
    this.cancel();
    this.store.setState({ image, ops, redo, preview: null });
  }

  onMaskChange(listener: MaskListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Pointer input. `middle` pans whatever the tool.
  pointerDown(e: ToolPointer, opts: { middle?: boolean } = {}): void {
    if (!this.state.image) return;
    if (this.gestureTool) this.cancel();
    // While a result is shown the mask is hidden, so only panning makes sense.
    this.gestureTool = opts.middle || this.state.preview ? this.tools.pan : this.activeTool;
    this.gestureTool.onPointerDown(this.ctx, e);
  }

  pointerMove(e: ToolPointer): void {
    this.gestureTool?.onPointerMove(this.ctx, e);
  }

  pointerUp(e: ToolPointer): void {
    const tool = this.gestureTool;
    this.gestureTool = null;
    tool?.onPointerUp(this.ctx, e);
  }

  /** Escape: abandons the gesture in progress; nothing reaches the history. */
  cancel(): void {
    const tool = this.gestureTool;
    this.gestureTool = null;
    tool?.onCancel(this.ctx);
  }

  run(command: EditorCommand): boolean {
    if (this.gestureTool) this.cancel();
    const change = command.run(this.state);
    if (change) this.store.setState(change);
    return change !== null;
  }

  invert = (): boolean => this.run(invertMask);
  clear = (): boolean => this.run(clearMask);

  undo = (): boolean => {
    if (this.gestureTool) {
      this.cancel();
      return true;
    }
    const next = history.undo(this.state);
    if (next) this.store.setState(next);
    return next !== null;
  };

  redo = (): boolean => {
    const next = history.redo(this.state);
    if (next && !this.gestureTool) this.store.setState(next);
    return next !== null;
  };

  setTool = (tool: ToolId): void => {
    if (this.gestureTool) this.cancel();
    this.store.setState({ tool });
  };

  setBrushSize = (size: number): void => {
    this.store.setState({ brushSize: Math.round(Math.min(MAX_BRUSH, Math.max(MIN_BRUSH, size))) });
  };

  /** `[` / `]`: steps proportional to the size, like image editors do. */
  stepBrushSize = (direction: 1 | -1): void => {
    const s = this.state.brushSize;
    this.setBrushSize(s + direction * Math.max(1, Math.round(s * 0.15)));
  };

  setSpacePan = (on: boolean): void => {
    if (this.state.spacePan !== on) this.store.setState({ spacePan: on });
  };

  zoomAt = (factor: number, sx: number, sy: number): void => {
    this.store.setState({ viewport: zoomAt(this.state.viewport, factor, sx, sy) });
  };

  /** Fits the image to the view (`viewSize` unless given). */
  fit = (viewW = this.state.viewSize.width, viewH = this.state.viewSize.height): void => {
    const img = this.state.preview ?? this.state.image;
    if (img && viewW > 0 && viewH > 0)
      this.store.setState({ viewport: fitViewport(img.width, img.height, viewW, viewH) });
  };

  setViewSize = (width: number, height: number): void => {
    const v = this.state.viewSize;
    if (v.width !== width || v.height !== height) this.store.setState({ viewSize: { width, height } });
  };

  /** Shows a result large in place of the source (null: back to the source). */
  setPreview = (preview: PreviewImage | null): void => {
    if (this.gestureTool) this.cancel();
    this.store.setState({ preview });
  };

  /** The committed mask raster (0..255 per pixel); do not modify. */
  get mask(): Uint8Array | null {
    return this.cache?.mask ?? null;
  }

  /** The overlay RGBA for `area`, including the stroke in progress. */
  overlay(
    area: Rect,
    color: OverlayColor,
    out?: Uint8ClampedArray<ArrayBuffer>,
  ): Uint8ClampedArray<ArrayBuffer> | null {
    if (!this.cache) return null;
    const live = this.live?.active ? { coverage: this.live.coverage, mode: this.live.mode } : null;
    return overlayPixels(this.cache.mask, this.cache.width, area, color, live, out);
  }

  async exportMaskPng(): Promise<Blob | null> {
    const img = this.state.image;
    return img ? exportMaskPng(this.state.ops, img.width, img.height) : null;
  }

  private onImage(image: SourceImage | null): void {
    this.gestureTool = null;
    this.cache = image ? new MaskCache(image.width, image.height) : null;
    this.live = image ? new LiveStroke(image.width, image.height) : null;
    this.cache?.sync(this.state.ops);
    if (image) this.emit(fullRect(image.width, image.height));
  }

  private beginStroke(mode: StrokeOp['mode'], x: number, y: number): void {
    const { brushSize, hardness } = this.state;
    this.emit(this.live?.begin(mode, brushSize, hardness, x, y) ?? null);
  }

  private commitStroke(): void {
    const live = this.live;
    const cache = this.cache;
    if (!live?.active || !cache) return;
    const op = live.toOp();
    const area = live.area;
    // Strokes that never touched the image (all outside it) are not an undo step.
    if (area) {
      cache.commitCoverage(op, live.coverage, area);
      live.reset();
      this.store.setState(history.pushOp(this.state, op));
      this.emit(area);
    } else live.reset();
  }

  private emit(dirty: Rect | null): void {
    if (!dirty) return;
    for (const l of this.listeners) l(dirty);
  }
}
