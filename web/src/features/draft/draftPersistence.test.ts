import { describe, expect, it, vi } from 'vitest';
import { Editor } from '../../editor/Editor.ts';
import { countFilled } from '../../editor/exportMask.ts';
import type { SourceImage } from '../../editor/store.ts';
import { TestEditor } from '../../editor/TestEditor.ts';
import { createPromptStore, initialPromptDraft } from '../prompt/promptStore.ts';
import { Workspace } from '../tabs/workspace.ts';
import { Draft } from './draft.ts';
import { restoreAndPersist, type DraftStorage } from './draftPersistence.ts';

const memory = (initial?: unknown) => {
  let value = initial;
  const storage: DraftStorage & { value: () => unknown } = {
    get: async () => value,
    set: vi.fn(async (v: unknown) => {
      value = structuredClone(v);
    }),
    value: () => value,
  };
  return storage;
};

const img = (n: number, w = 10, h = 10): SourceImage => ({
  id: String(n).repeat(64),
  width: w,
  height: h,
  url: `/api/images/${n}`,
});

function workspace(editor: Editor = new Editor({ viewSize: { width: 100, height: 100 } })) {
  const ws = new Workspace(editor);
  ws.attach();
  return ws;
}

const filled = (e: Editor) => (e.mask ? countFilled(e.mask) : 0);

describe('draft persistence', () => {
  it('saves every tab (mask, history, view), the brush, the mask display and the prompt; a new session gets them back', async () => {
    vi.useFakeTimers();
    const storage = memory();
    const first = new TestEditor(10, 10, { image: null, viewSize: { width: 100, height: 100 } });
    const ws = workspace(first);
    const prompt = createPromptStore();
    const { stop } = await restoreAndPersist(ws, prompt, storage, async () => true, { debounceMs: 50 });
    first.loadImage(img(1));
    first.brush(5).drag([5.5, 5.5]);
    first.invert();
    first.undo();
    ws.open(img(2, 20, 10));
    first.fillAll();
    first.store.setState({ viewport: { x: -30, y: 5, scale: 3 } });
    first.setTool('eraser');
    first.setHardness(0.4);
    first.setBrushSize(77);
    first.setOverlayColor({ r: 0, g: 200, b: 255, a: 0.8 });
    prompt.setState({ prompt: 'a red barn', seed: '42' });
    await vi.advanceTimersByTimeAsync(60);
    expect(storage.set).toHaveBeenCalledTimes(1); // debounced into one write
    stop();
    vi.useRealTimers();
    expect(Draft.safeParse(storage.value()).success).toBe(true);

    const second = new Editor();
    const ws2 = workspace(second);
    const prompt2 = createPromptStore();
    const restored = await restoreAndPersist(ws2, prompt2, storage, async () => true);
    expect(restored.outcome).toBe('restored');
    expect(prompt2.getState()).toMatchObject({ prompt: 'a red barn', seed: '42' });
    expect(second.state).toMatchObject({
      tool: 'eraser',
      hardness: 0.4,
      brushSize: 77,
      overlayColor: { r: 0, g: 200, b: 255, a: 0.8 },
    });
    const [a, b] = ws2.state.tabs;
    expect(ws2.state.activeId).toBe(b!.id);
    expect(second.state.image?.url).toBe('/api/images/2');
    expect(second.state.pendingView).toEqual({ x: -30, y: 5, scale: 3 });
    expect(filled(second)).toBe(200);
    ws2.activate(a!.id);
    expect(filled(second)).toBe(21);
    second.redo();
    expect(filled(second)).toBe(79);
    restored.stop();
  });

  it('migrates a version 1 draft: its image becomes the first tab, its brush size is kept', async () => {
    const v1 = {
      version: 1,
      image: img(3),
      ops: [{ type: 'fillAll' }],
      redo: [{ type: 'invert' }],
      brushSize: 12,
      prompt: { ...initialPromptDraft(), prompt: 'old' },
    };
    const storage = memory(v1);
    const editor = new Editor();
    const r = await restoreAndPersist(workspace(editor), createPromptStore(), storage, async () => true);
    expect(r.outcome).toBe('restored');
    expect(editor.state.image?.url).toBe('/api/images/3');
    expect(editor.state.brushSize).toBe(12);
    expect(editor.state.tool).toBe('brush');
    expect(filled(editor)).toBe(100);
    expect(editor.redo()).toBe(true);
    expect(filled(editor)).toBe(0);
    r.flush();
    r.stop();
  });

  it('drops tabs whose image the server lost, keeps the others and the prompt', async () => {
    const draft: Draft = {
      version: 2,
      tabs: [1, 2].map((n) => ({
        id: `t${n}`,
        name: `Image ${n}`,
        image: img(n),
        ops: [{ type: 'fillAll' }],
        redo: [],
        viewport: null,
      })),
      activeId: 't1',
      tool: 'brush',
      brushSize: 12,
      hardness: 1,
      overlayColor: { r: 1, g: 2, b: 3, a: 0.5 },
      prompt: { ...initialPromptDraft(), prompt: 'keep me', variations: 2 },
    };
    const gone = (lost: string[]) => async (id: string) => !lost.includes(id);

    const editor = new Editor();
    const storage = memory(draft);
    const ws = workspace(editor);
    const r = await restoreAndPersist(ws, createPromptStore(), storage, gone([img(1).id]), {
      debounceMs: 1,
    });
    expect([r.outcome, r.missing]).toEqual(['some-missing', 1]);
    expect(ws.state.tabs.map((t) => t.id)).toEqual(['t2']);
    expect(editor.state.image?.url).toBe('/api/images/2');
    await new Promise((ok) => setTimeout(ok, 20));
    expect((storage.value() as Draft).tabs.map((t) => t.id)).toEqual(['t2']); // dropped from storage too
    r.stop();

    const editor2 = new Editor();
    const prompt = createPromptStore();
    const r2 = await restoreAndPersist(
      workspace(editor2),
      prompt,
      memory(draft),
      gone([img(1).id, img(2).id]),
    );
    expect(r2.outcome).toBe('image-missing');
    expect(editor2.state.image).toBeNull();
    expect(prompt.getState()).toMatchObject({ prompt: 'keep me', variations: 2 });
    expect(editor2.state.brushSize).toBe(12);
    r2.stop();
  });

  it('ignores an unreadable draft', async () => {
    const r = await restoreAndPersist(
      workspace(),
      createPromptStore(),
      memory({ version: 0 }),
      async () => true,
    );
    expect(r.outcome).toBe('empty');
    r.stop();
  });

  it('flush writes a pending change at once (the page is going away)', async () => {
    const storage = memory();
    const ws = workspace();
    const r = await restoreAndPersist(ws, createPromptStore(), storage, async () => true, {
      debounceMs: 60_000,
    });
    r.flush();
    expect(storage.set).not.toHaveBeenCalled(); // nothing pending
    ws.open(img(4));
    r.flush();
    expect(storage.set).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect((storage.value() as Draft).tabs).toHaveLength(1);
    r.stop();
  });
});
