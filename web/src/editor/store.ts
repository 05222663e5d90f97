import { createStore } from 'zustand/vanilla';
import type { MaskOp } from './ops.ts';
import { DEFAULT_OVERLAY, type OverlayColor } from './overlay.ts';
import type { ShapePreview } from './tools/Tool.ts';
import type { Viewport } from './viewport.ts';

export type ToolId = 'brush' | 'eraser' | 'rect' | 'lasso' | 'polygon' | 'pan';

/** The image being edited: its server id and pixel size. */
export interface SourceImage {
  id: string;
  width: number;
  height: number;
  url: string;
  /** What the user knows it by (the file name, when there is one): the workspace tab's label. */
  name?: string;
}

export interface EditorState {
  image: SourceImage | null;
  /** Committed mask operations; the history is this list (undo pops onto `redo`). */
  ops: MaskOp[];
  redo: MaskOp[];
  tool: ToolId;
  brushSize: number;
  hardness: number;
  viewport: Viewport;
  /** True while Space is held: the pan tool is borrowed. */
  spacePan: boolean;
  /** Size of the view the canvas occupies, in screen pixels (for fit to screen). */
  viewSize: { width: number; height: number };
  /** A result shown large in place of the source; painting is paused while it is shown. */
  preview: PreviewImage | null;
  /** The outline of the shape tool gesture in progress. */
  shape: ShapePreview | null;
  /** Mask overlay colour and opacity (display only; the export is always black and white). */
  overlayColor: OverlayColor;
  /** False while the mask is hidden (toggled, or held to peek at the original). */
  maskVisible: boolean;
  /** The `?` overlay listing the shortcuts. */
  shortcutsOpen: boolean;
  /** A view to apply when the next image appears instead of fitting it (a tab switch, a restored draft). */
  pendingView: Viewport | null;
}

export interface PreviewImage {
  url: string;
  width: number;
  height: number;
  label: string;
}

export const MIN_BRUSH = 1;
export const MAX_BRUSH = 500;

export const initialEditorState = (): EditorState => ({
  image: null,
  ops: [],
  redo: [],
  tool: 'brush',
  brushSize: 40,
  hardness: 1,
  viewport: { x: 0, y: 0, scale: 1 },
  spacePan: false,
  viewSize: { width: 0, height: 0 },
  preview: null,
  shape: null,
  overlayColor: DEFAULT_OVERLAY,
  maskVisible: true,
  shortcutsOpen: false,
  pendingView: null,
});

/** One store per editor instance (zustand vanilla: no React here). */
export const createEditorStore = (init?: Partial<EditorState>) =>
  createStore<EditorState>()(() => ({ ...initialEditorState(), ...init }));
export type EditorStore = ReturnType<typeof createEditorStore>;
