import { createStore } from 'zustand/vanilla';
import type { Editor } from '../../editor/Editor.ts';
import type { MaskCache } from '../../editor/MaskCache.ts';
import type { MaskOp } from '../../editor/ops.ts';
import type { EditorState, SourceImage } from '../../editor/store.ts';
import { fitViewport, type Viewport } from '../../editor/viewport.ts';

/** One open image: its mask with its own history, and its own view (null: fitted to the window). */
export interface Tab {
  id: string;
  name: string;
  image: SourceImage;
  ops: MaskOp[];
  redo: MaskOp[];
  viewport: Viewport | null;
}

export interface WorkspaceState {
  /** The open images in strip order. The active tab's mask and view live in the editor, not here. */
  tabs: Tab[];
  activeId: string | null;
}

/**
 * Inactive tabs whose mask rasters are kept, most recent first, so switching back replays nothing. Each
 * holds the image-sized mask plus its undo patches and checkpoints; older tabs replay their ops on return.
 */
const KEEP_RASTERS = 3;

/** The attached workspace over each editor, for features that only hold the editor (naming a result's tab). */
const workspaces = new WeakMap<Editor, Workspace>();
export const workspaceOf = (editor: Editor): Workspace | undefined => workspaces.get(editor);

let seq = 0;
// Not crypto.randomUUID: it is missing outside secure contexts (a LAN address over http).
const newTabId = () => `t${Date.now().toString(36)}${(seq++).toString(36)}`;

const sameView = (a: Viewport, b: Viewport) =>
  Math.abs(a.x - b.x) < 1e-6 && Math.abs(a.y - b.y) < 1e-6 && Math.abs(a.scale - b.scale) < 1e-9;

/** The editor's view worth keeping: null while it is the automatic fit, so the tab fits again on return. */
export function viewToKeep(s: Pick<EditorState, 'image' | 'viewport' | 'viewSize'>): Viewport | null {
  const { image, viewport, viewSize } = s;
  if (!image || viewSize.width <= 0 || viewSize.height <= 0) return null;
  const fit = fitViewport(image.width, image.height, viewSize.width, viewSize.height);
  return sameView(fit, viewport) ? null : viewport;
}

/**
 * Several images open at once over one editor. Inactive tabs hold their mask ops, redo list and view;
 * switching saves the active tab's from the editor and loads the target's. Any image the rest of the
 * studio loads into the editor (upload, paste, drop, a sample, "Use as new source") opens a new tab.
 */
export class Workspace {
  readonly store = createStore<WorkspaceState>()(() => ({ tabs: [], activeId: null }));
  /** Set while the workspace itself changes the editor's image, so that is not taken for a new source. */
  private switching = false;
  private untitled = 0;
  /** Mask rasters of recently left tabs, by tab id, least recently left first. */
  private readonly rasters = new Map<string, MaskCache>();
  /** The editor's rasters for the active tab (the editor has replaced them by the time it reports a new image). */
  private activeRaster: MaskCache | null = null;

  constructor(readonly editor: Editor) {}

  get state(): WorkspaceState {
    return this.store.getState();
  }

  /** Starts following the editor; returns the function that stops. */
  attach(): () => void {
    this.activeRaster = this.editor.maskRaster;
    // Registered here, not in the constructor: StrictMode builds a throwaway workspace that never attaches.
    workspaces.set(this.editor, this);
    const off = this.editor.store.subscribe((s, prev) => {
      if (s.image === prev.image) return;
      const left = this.activeRaster;
      this.activeRaster = this.editor.maskRaster;
      if (this.switching || !s.image) return;
      this.saveActive(prev, left);
      const tab = this.newTab(s.image, s.ops, s.redo);
      this.store.setState({ tabs: [...this.state.tabs, tab], activeId: tab.id });
    });
    return () => {
      off();
      if (workspaces.get(this.editor) === this) workspaces.delete(this.editor);
    };
  }

  /** Opens an image in a new tab and shows it (the same as loading it into the editor once attached). */
  open(image: SourceImage, ops: MaskOp[] = []): void {
    this.editor.loadImage(image, ops);
  }

  activate(id: string): void {
    const { activeId, tabs } = this.state;
    const target = tabs.find((t) => t.id === id);
    if (!target || id === activeId) return;
    this.saveActive(this.editor.state, this.editor.maskRaster);
    this.show(target);
    this.store.setState({ activeId: id });
  }

  /** Closes a tab (its mask and history go with it); closing the active one shows its neighbour. */
  close(id: string): void {
    const { tabs, activeId } = this.state;
    const i = tabs.findIndex((t) => t.id === id);
    if (i < 0) return;
    const rest = tabs.filter((t) => t.id !== id);
    this.rasters.delete(id);
    if (id !== activeId) {
      this.store.setState({ tabs: rest });
      return;
    }
    const next = tabs[i + 1] ?? tabs[i - 1];
    if (next) this.show(next);
    else this.unload();
    this.store.setState({ tabs: rest, activeId: next?.id ?? null });
  }

  /**
   * Puts restored tabs back (a reload). Tabs already open (an image dropped in before the draft was read)
   * stay, and stay active; ids already present are skipped, so a second restore adds nothing.
   */
  restore(tabs: Tab[], activeId: string | null): void {
    const have = new Set(this.state.tabs.map((t) => t.id));
    const fresh = tabs.filter((t) => !have.has(t.id));
    if (fresh.length === 0) return;
    this.untitled = Math.max(this.untitled, ...fresh.map((t) => untitledNumber(t.name)));
    const merged = [...fresh, ...this.state.tabs];
    if (this.state.activeId) {
      this.store.setState({ tabs: merged });
      return;
    }
    const active = fresh.find((t) => t.id === activeId) ?? fresh[0]!;
    this.show(active);
    this.store.setState({ tabs: merged, activeId: active.id });
  }

  /** Every tab with the active one's current mask, history and view (what a draft saves). */
  snapshot(): Tab[] {
    const s = this.editor.state;
    return this.state.tabs.map((t) =>
      t.id === this.state.activeId && s.image === t.image
        ? { ...t, ops: s.ops, redo: s.redo, viewport: viewToKeep(s) }
        : t,
    );
  }

  private newTab(image: SourceImage, ops: MaskOp[], redo: MaskOp[]): Tab {
    const name = image.name ?? `Image ${++this.untitled}`;
    return { id: newTabId(), name, image, ops, redo, viewport: null };
  }

  /** Copies the editor's mask, history and view into the tab it belongs to, and keeps its rasters. */
  private saveActive(from: EditorState, raster: MaskCache | null): void {
    const { tabs, activeId } = this.state;
    const tab = tabs.find((t) => t.id === activeId);
    if (!tab || tab.image !== from.image) return;
    if (raster) {
      this.rasters.delete(tab.id);
      this.rasters.set(tab.id, raster);
      for (const old of this.rasters.keys()) {
        if (this.rasters.size <= KEEP_RASTERS) break;
        this.rasters.delete(old);
      }
    }
    const saved: Tab = { ...tab, ops: from.ops, redo: from.redo, viewport: viewToKeep(from) };
    this.store.setState({ tabs: tabs.map((t) => (t === tab ? saved : t)) });
  }

  private show(tab: Tab): void {
    this.switching = true;
    try {
      this.editor.store.setState({ pendingView: tab.viewport });
      const raster = this.rasters.get(tab.id);
      this.rasters.delete(tab.id);
      this.editor.loadImage(tab.image, tab.ops, tab.redo, raster);
    } finally {
      this.switching = false;
    }
  }

  private unload(): void {
    this.switching = true;
    try {
      this.editor.cancel();
      this.editor.store.setState({
        image: null,
        ops: [],
        redo: [],
        preview: null,
        shape: null,
        pendingView: null,
      });
    } finally {
      this.switching = false;
    }
  }
}

const untitledNumber = (name: string) => Number(/^Image (\d+)$/.exec(name)?.[1] ?? 0);
