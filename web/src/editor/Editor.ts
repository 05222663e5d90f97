import { clearMask } from './commands/clearMask.ts';
import type { EditorCommand } from './commands/command.ts';
import { fillMask } from './commands/fillMask.ts';
import { importMaskCommand } from './commands/importMask.ts';
import { invertMask } from './commands/invertMask.ts';
import { featherCommand, growCommand, shrinkCommand } from './commands/morphMask.ts';
import { exportMaskPng, exportRasterPng } from './exportMask.ts';
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
import { LassoTool } from './tools/LassoTool.ts';
import { PanTool } from './tools/PanTool.ts';
import { PolygonTool } from './tools/PolygonTool.ts';
import { RectTool } from './tools/RectTool.ts';
import type { Tool, ToolContext, ToolPointer } from './tools/Tool.ts';
import { clampScale, fitViewport, zoomAt } from './viewport.ts';

/**
 * `shown` = the pixels changed in the raster but the overlay already showed them (a stroke committed on
 * pointer-up: the live layer composites with the same formula), so a display may skip the repaint.
 */
export type MaskChange = 'changed' | 'shown';
export type MaskListener = (dirty: Rect, change: MaskChange) => void;

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
    rect: new RectTool(),
    lasso: new LassoTool(),
    polygon: new PolygonTool(),
    pan: new PanTool(),
  };
  /** A multi-click gesture (polygon) waiting while the view is panned with Space or the middle button. */
  private suspended: Tool | null = null;
  /** The tool that owns the gesture in progress (fixed at pointer-down). */
  private gestureTool: Tool | null = null;
  private readonly listeners = new Set<MaskListener>();
  /** Rasters handed to `loadImage` for the image about to be shown (kept from its last visit). */
  private reuse: MaskCache | null = null;

  private readonly ctx: ToolContext = {
    beginStroke: (mode, x, y, pressure) => this.beginStroke(mode, x, y, pressure),
    extendStroke: (x, y, pressure) => this.emit(this.live?.extend(x, y, pressure) ?? null),
    commitStroke: () => this.commitStroke(),
    cancelStroke: () => this.emit(this.live?.reset() ?? null),
    panBy: (dx, dy) => this.panBy(dx, dy),
    showShape: (shape) => this.store.setState({ shape }),
    commitShape: (mode, points) => {
      const op: MaskOp = { type: 'polygon', mode, points };
      this.store.setState({ ...history.pushOp(this.state, op), shape: null });
    },
    viewScale: () => this.state.viewport.scale,
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

  /**
   * Replaces the image; the mask and its history start over unless given (a restored draft, a tab).
   * `raster` is what `maskRaster` gave for this image with these ops: it spares replaying them.
   */
  loadImage(image: SourceImage, ops: MaskOp[] = [], redo: MaskOp[] = [], raster?: MaskCache | null): void {
    this.cancel();
    this.reuse = raster?.width === image.width && raster.height === image.height ? raster : null;
    this.store.setState({ image, ops, redo, preview: null, shape: null });
    this.reuse = null;
  }

  /** The current image's mask rasters (committed mask, undo patches, checkpoints), to hand back to `loadImage`. */
  get maskRaster(): MaskCache | null {
    return this.cache;
  }

  onMaskChange(listener: MaskListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Pointer input. `middle` pans whatever the tool.
  pointerDown(e: ToolPointer, opts: { middle?: boolean } = {}): void {
    if (!this.state.image) return;
    // While a result is shown the mask is hidden, so only panning makes sense.
    const pan = opts.middle || this.state.preview !== null || this.state.spacePan;
    const current = this.gestureTool;
    if (current?.continues && !pan) {
      current.onPointerDown(this.ctx, e);
      this.settle(current);
      return;
    }
    if (current?.continues && pan && !this.state.preview) this.suspended = current;
    else if (current) this.cancel();
    this.gestureTool = pan ? this.tools.pan : this.tools[this.state.tool];
    this.gestureTool.onPointerDown(this.ctx, e);
  }

  pointerMove(e: ToolPointer): void {
    this.gestureTool?.onPointerMove(this.ctx, e);
  }

  pointerUp(e: ToolPointer): void {
    const tool = this.gestureTool;
    tool?.onPointerUp(this.ctx, e);
    this.settle(tool);
    if (!this.gestureTool && this.suspended) {
      this.gestureTool = this.suspended;
      this.suspended = null;
    }
  }

  /** Enter: completes a multi-click gesture (closes the polygon). */
  commitGesture(): boolean {
    const tool = this.gestureTool;
    if (!tool?.onCommit) return false;
    tool.onCommit(this.ctx);
    this.settle(tool);
    return true;
  }

  /** Escape: abandons the gesture in progress; nothing reaches the history. */
  cancel(): void {
    const tool = this.gestureTool;
    const suspended = this.suspended;
    this.gestureTool = null;
    this.suspended = null;
    tool?.onCancel(this.ctx);
    suspended?.onCancel(this.ctx);
  }

  /** Keeps a tool as the gesture owner while its multi-click gesture continues. */
  private settle(tool: Tool | null): void {
    this.gestureTool = tool?.continues ? tool : null;
  }

  run(command: EditorCommand): boolean {
    if (this.gestureTool) this.cancel();
    const change = command.run(this.state);
    if (change) this.store.setState(change);
    return change !== null;
  }

  invert = (): boolean => this.run(invertMask);
  clear = (): boolean => this.run(clearMask);
  fillAll = (): boolean => this.run(fillMask);
  grow = (px: number): boolean => this.run(growCommand(px));
  shrink = (px: number): boolean => this.run(shrinkCommand(px));
  feather = (px: number): boolean => this.run(featherCommand(px));
  /** Replaces the mask with an imported one (already at the image size, 255 = fill), as one undo step. */
  importMask = (data: Uint8Array<ArrayBuffer>): boolean => this.run(importMaskCommand(data));

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
    if (this.gestureTool || this.suspended) this.cancel();
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

  setHardness = (hardness: number): void => {
    this.store.setState({ hardness: Math.round(Math.min(1, Math.max(0, hardness)) * 100) / 100 });
  };

  /** Shift+`[` / Shift+`]`: hardness in steps of 10%. */
  stepHardness = (direction: 1 | -1): void => this.setHardness(this.state.hardness + direction * 0.1);

  setOverlayColor = (color: Partial<EditorState['overlayColor']>): void => {
    this.store.setState({ overlayColor: { ...this.state.overlayColor, ...color } });
  };

  setMaskVisible = (maskVisible: boolean): void => {
    if (this.state.maskVisible !== maskVisible) this.store.setState({ maskVisible });
  };

  panBy = (dx: number, dy: number): void => {
    const v = this.state.viewport;
    this.store.setState({ viewport: { ...v, x: v.x + dx, y: v.y + dy } });
  };

  /** Sets the zoom, keeping the view centre fixed (1 = 100%: one image pixel per screen pixel). */
  zoomTo = (scale: number): void => {
    const cx = this.state.viewSize.width / 2;
    const cy = this.state.viewSize.height / 2;
    const v = this.state.viewport;
    const s = clampScale(scale);
    const k = s / v.scale;
    this.store.setState({ viewport: { scale: s, x: cx - (cx - v.x) * k, y: cy - (cy - v.y) * k } });
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
    if (!img) return null;
    // The committed raster is kept equal to rasterize(ops): encoding it skips replaying every op.
    const cache = this.cache;
    if (cache && cache.sync(this.state.ops) === null)
      return exportRasterPng(cache.mask, img.width, img.height);
    return exportMaskPng(this.state.ops, img.width, img.height);
  }

  private onImage(image: SourceImage | null): void {
    this.gestureTool = null;
    this.cache = image ? (this.reuse ?? new MaskCache(image.width, image.height)) : null;
    this.live = image ? new LiveStroke(image.width, image.height) : null;
    this.cache?.sync(this.state.ops);
    if (image) this.emit(fullRect(image.width, image.height));
  }

  private beginStroke(mode: StrokeOp['mode'], x: number, y: number, pressure?: number): void {
    const { brushSize, hardness } = this.state;
    this.emit(this.live?.begin(mode, brushSize, hardness, x, y, pressure) ?? null);
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
      this.emit(area, 'shown');
    } else live.reset();
  }

  private emit(dirty: Rect | null, change: MaskChange = 'changed'): void {
    if (!dirty) return;
    for (const l of this.listeners) l(dirty, change);
  }
}
