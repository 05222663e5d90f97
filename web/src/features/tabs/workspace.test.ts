import { describe, expect, it } from 'vitest';
import type { Editor } from '../../editor/Editor.ts';
import { countFilled } from '../../editor/exportMask.ts';
import type { SourceImage } from '../../editor/store.ts';
import { TestEditor } from '../../editor/TestEditor.ts';
import { resultTabName, shortTabName } from './tabNames.ts';
import { viewToKeep, workspaceOf, Workspace } from './workspace.ts';

const img = (n: number, w = 10, h = 10, name?: string): SourceImage => ({
  id: String(n).repeat(64).slice(0, 64),
  width: w,
  height: h,
  url: `/api/images/${n}`,
  ...(name ? { name } : {}),
});

/** A workspace over a headless editor with a 100×100 view. */
function setup() {
  const editor = new TestEditor(10, 10, { image: null, viewSize: { width: 100, height: 100 } });
  const ws = new Workspace(editor);
  const detach = ws.attach();
  return { editor, ws, detach };
}

const filled = (e: Editor) => (e.mask ? countFilled(e.mask) : 0);

describe('Workspace tabs', () => {
  it('opens every image loaded into the editor as a new tab, named by file or numbered', () => {
    const { editor, ws } = setup();
    editor.loadImage(img(1, 10, 10, 'cat.png'));
    ws.open(img(2));
    editor.loadImage(img(3), [{ type: 'fillAll' }]); // e.g. a sample with its mask
    expect(ws.state.tabs.map((t) => t.name)).toEqual(['cat.png', 'Image 1', 'Image 2']);
    expect(ws.state.activeId).toBe(ws.state.tabs[2]!.id);
    expect(filled(editor)).toBe(100);
  });

  it('keeps each tab’s mask, undo and redo history across switches', () => {
    const { editor, ws } = setup();
    editor.loadImage(img(1));
    editor.brush(3).drag([2.5, 2.5], [7.5, 2.5]);
    editor.invert();
    editor.undo(); // tab 1: one stroke, the invert on redo
    const tab1 = filled(editor);
    ws.open(img(2, 20, 10));
    editor.brush(1).drag([0.5, 0.5]);
    editor.fillAll(); // tab 2: fully filled, two undo steps
    const [a, b] = ws.state.tabs;

    ws.activate(a!.id);
    expect(editor.state.image).toBe(a!.image);
    expect(filled(editor)).toBe(tab1);
    expect(editor.state.ops).toHaveLength(1);
    editor.redo(); // the invert survived the switch
    expect(filled(editor)).toBe(100 - tab1);

    ws.activate(b!.id);
    expect(filled(editor)).toBe(200);
    editor.undo();
    expect(filled(editor)).toBe(1);
    ws.activate(a!.id);
    expect(filled(editor)).toBe(100 - tab1);
    ws.activate(b!.id);
    expect(filled(editor)).toBe(1);
    expect(editor.state.redo).toEqual([{ type: 'fillAll' }]);
    expect(ws.state.tabs).toHaveLength(2); // switching never opens tabs
  });

  it('keeps each tab’s zoom and pan; a fitted tab fits again', () => {
    const { editor, ws } = setup();
    editor.loadImage(img(1));
    editor.fit();
    ws.open(img(2));
    editor.store.setState({ viewport: { x: -40, y: 12, scale: 4 } });
    ws.activate(ws.state.tabs[0]!.id);
    expect(editor.state.pendingView).toBeNull(); // untouched fit: the canvas fits it again
    ws.activate(ws.state.tabs[1]!.id);
    expect(editor.state.pendingView).toEqual({ x: -40, y: 12, scale: 4 });
  });

  it('closes tabs: an inactive one quietly, the active one by showing its neighbour, the last one empties', () => {
    const { editor, ws } = setup();
    editor.loadImage(img(1));
    editor.fillAll();
    ws.open(img(2));
    ws.open(img(3));
    const [a, b, c] = ws.state.tabs;
    ws.close(a!.id);
    expect(ws.state.tabs.map((t) => t.id)).toEqual([b!.id, c!.id]);
    expect(ws.state.activeId).toBe(c!.id);
    ws.activate(b!.id);
    ws.close(b!.id);
    expect(ws.state.activeId).toBe(c!.id);
    expect(editor.state.image).toBe(c!.image);
    ws.close(c!.id);
    expect(ws.state).toEqual({ tabs: [], activeId: null });
    expect(editor.state.image).toBeNull();
    expect(editor.mask).toBeNull();
    // The next image after all were closed opens a fresh tab.
    ws.open(img(4));
    expect(ws.state.tabs).toHaveLength(1);
  });

  it('snapshot carries the active tab’s live mask; restore is idempotent and keeps open tabs', () => {
    const { editor, ws } = setup();
    editor.loadImage(img(1));
    editor.fillAll();
    ws.open(img(2));
    editor.invert();
    const saved = ws.snapshot();
    expect(saved.map((t) => t.ops)).toEqual([[{ type: 'fillAll' }], [{ type: 'invert' }]]);

    const other = setup();
    other.editor.loadImage(img(9)); // dropped in before the draft was read
    other.ws.restore(saved, saved[1]!.id);
    other.ws.restore(saved, saved[1]!.id);
    expect(other.ws.state.tabs.map((t) => t.image.url)).toEqual([
      '/api/images/1',
      '/api/images/2',
      '/api/images/9',
    ]);
    expect(other.editor.state.image?.url).toBe('/api/images/9');
    other.ws.activate(saved[0]!.id);
    expect(filled(other.editor)).toBe(100);
    // Numbering continues after restored "Image N" names.
    other.ws.open(img(5));
    expect(other.ws.state.tabs.at(-1)!.name).toBe('Image 3');
  });

  it('keeps the rasters of recently left tabs, so switching back replays nothing; older tabs replay', () => {
    const { editor, ws } = setup();
    editor.loadImage(img(1));
    editor.brush(3).drag([2.5, 2.5], [7.5, 7.5]);
    const first = editor.maskRaster;
    const painted = filled(editor);
    ws.open(img(2));
    ws.activate(ws.state.tabs[0]!.id);
    expect(editor.maskRaster).toBe(first); // the same rasters, not a replay
    expect(filled(editor)).toBe(painted);
    // Leave it behind four other tabs: its rasters are let go, and its mask is rebuilt from its ops.
    for (const n of [3, 4, 5, 6]) ws.open(img(n));
    ws.activate(ws.state.tabs[0]!.id);
    expect(editor.maskRaster).not.toBe(first);
    expect(filled(editor)).toBe(painted);
    editor.undo();
    expect(filled(editor)).toBe(0);
  });

  it('stops following the editor once detached', () => {
    const { editor, ws, detach } = setup();
    expect(workspaceOf(editor)).toBe(ws);
    detach();
    expect(workspaceOf(editor)).toBeUndefined();
    editor.loadImage(img(1));
    expect(ws.state.tabs).toHaveLength(0);
  });

  it('names a tab opened from a result after its source and provider, numbered per pair', () => {
    const { editor, ws } = setup();
    editor.loadImage(img(1, 10, 10, 'beach.jpg'));
    ws.open(img(2, 10, 10, 'portrait.png'));
    const asSource = (n: number, from: number, provider: 'local' | 'firefly' | 'fal') =>
      ws.open({ ...img(n), name: resultTabName(ws.state.tabs, img(from).id, provider) });
    asSource(3, 1, 'firefly');
    asSource(4, 1, 'firefly');
    asSource(5, 1, 'fal');
    asSource(6, 2, 'firefly');
    asSource(7, 3, 'local'); // a result of a result: the chain stays readable
    asSource(8, 9, 'local'); // its source tab was closed (or never open)
    expect(ws.state.tabs.map((t) => t.name)).toEqual([
      'beach.jpg',
      'portrait.png',
      'beach.jpg · Firefly #1',
      'beach.jpg · Firefly #2',
      'beach.jpg · FLUX Fill #1',
      'portrait.png · Firefly #1',
      'beach.jpg · Firefly #1 · Local #1',
      'Result · Local #1',
    ]);
    expect(ws.state.activeId).toBe(ws.state.tabs[7]!.id);
    // Closing #1 leaves #2 the highest: the next is #3, never a second #2.
    ws.close(ws.state.tabs[2]!.id);
    asSource(10, 1, 'firefly');
    expect(ws.state.tabs.at(-1)!.name).toBe('beach.jpg · Firefly #3');
    // Named tabs do not use up the "Image N" numbers.
    ws.open(img(11));
    expect(ws.state.tabs.at(-1)!.name).toBe('Image 1');
  });
});

describe('shortTabName', () => {
  it('leaves short names alone and cuts long ones in the middle, keeping the provider and number', () => {
    expect(shortTabName('beach.jpg · Firefly #1')).toBe('beach.jpg · Firefly #1');
    const long = 'holiday-2026-lisbon-tram-at-dusk.jpg · Firefly #12';
    const short = shortTabName(long);
    expect(short).toHaveLength(28);
    expect(short).toBe('holiday-2026-… · Firefly #12');
    // Without a short suffix the end of the file name stays (its extension).
    const file = 'a-very-long-file-name-from-a-camera-roll-0001.jpeg';
    expect(shortTabName(file)).toBe('a-very-long-file-n…0001.jpeg');
    expect(shortTabName(file)).toHaveLength(28);
    expect(shortTabName('x'.repeat(40) + ' · ' + 'y'.repeat(30))).toHaveLength(28);
  });
});

describe('viewToKeep', () => {
  it('is null for the automatic fit and the viewport otherwise', () => {
    const base = { image: img(1, 200, 100), viewSize: { width: 400, height: 300 } };
    expect(viewToKeep({ ...base, viewport: { scale: 1, x: 100, y: 100 } })).toBeNull();
    expect(viewToKeep({ ...base, viewport: { scale: 2, x: 0, y: 0 } })).toEqual({ scale: 2, x: 0, y: 0 });
    expect(
      viewToKeep({ ...base, viewSize: { width: 0, height: 0 }, viewport: { scale: 2, x: 0, y: 0 } }),
    ).toBeNull();
  });
});
