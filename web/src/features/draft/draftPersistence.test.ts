import { describe, expect, it, vi } from 'vitest';
import { Editor } from '../../editor/Editor.ts';
import { TestEditor } from '../../editor/TestEditor.ts';
import { createPromptStore } from '../prompt/promptStore.ts';
import type { Draft } from './draft.ts';
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

describe('draft persistence', () => {
  it('saves the mask, its history and the prompt, and restores them in a new session', async () => {
    vi.useFakeTimers();
    const storage = memory();
    const first = new TestEditor(10, 10).brush(5);
    const prompt = createPromptStore();
    const { stop } = await restoreAndPersist(first, prompt, storage, async () => true, { debounceMs: 50 });
    first.drag([5.5, 5.5]);
    first.invert();
    first.undo();
    prompt.setState({ prompt: 'a red barn', seed: '42' });
    await vi.advanceTimersByTimeAsync(60);
    expect(storage.set).toHaveBeenCalledTimes(1); // debounced into one write
    stop();
    vi.useRealTimers();

    const second = new Editor();
    const prompt2 = createPromptStore();
    const restored = await restoreAndPersist(second, prompt2, storage, async () => true);
    expect(restored.outcome).toBe('restored');
    expect(prompt2.getState()).toMatchObject({ prompt: 'a red barn', seed: '42' });
    expect(second.state.ops).toHaveLength(1);
    expect(second.mask!.filter((v) => v === 255)).toHaveLength(21);
    second.redo();
    expect(second.mask!.filter((v) => v === 255)).toHaveLength(79);
    restored.stop();
  });

  it('keeps the prompt but not the mask when the server no longer has the image', async () => {
    const draft: Draft = {
      version: 1,
      image: { id: 'c'.repeat(64), width: 10, height: 10, url: '/api/images/x' },
      ops: [{ type: 'fillAll' }],
      redo: [],
      brushSize: 12,
      prompt: {
        provider: 'local',
        prompt: 'keep me',
        negativePrompt: '',
        size: 'source',
        variations: 2,
        seed: '',
        options: {},
      },
    };
    const editor = new Editor();
    const prompt = createPromptStore();
    const r = await restoreAndPersist(editor, prompt, memory(draft), async () => false);
    expect(r.outcome).toBe('image-missing');
    expect(editor.state.image).toBeNull();
    expect(prompt.getState()).toMatchObject({ prompt: 'keep me', variations: 2 });
    expect(editor.state.brushSize).toBe(12);
    r.stop();
  });

  it('ignores an unreadable draft', async () => {
    const r = await restoreAndPersist(
      new Editor(),
      createPromptStore(),
      memory({ version: 0 }),
      async () => true,
    );
    expect(r.outcome).toBe('empty');
    r.stop();
  });
});
