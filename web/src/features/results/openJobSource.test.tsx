import type { Job } from '@maskfill/server/contract';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorProvider } from '../../canvas/EditorContext.tsx';
import { Editor } from '../../editor/Editor.ts';
import { Workspace } from '../tabs/workspace.ts';
import { openJobSource } from './openJobSource.ts';
import { resetResultView, useResultStore } from './resultStore.ts';
import { useResultSelection } from './useResultSelection.ts';

const SOURCE = '1'.repeat(64);
const job: Job = {
  id: 'job_1',
  provider: 'local',
  status: 'succeeded',
  revision: 3,
  createdAt: '2026-01-01T10:00:00.000Z',
  finishedAt: '2026-01-01T10:00:05.000Z',
  request: { provider: 'local', imageId: SOURCE, maskId: '2'.repeat(64), prompt: 'a lamp' },
  outputs: [
    {
      imageId: 'a'.repeat(64),
      url: `/api/images/${'a'.repeat(64)}`,
      seed: 5,
      width: 640,
      height: 480,
      composite: { imageId: 'c'.repeat(64), url: `/api/images/${'c'.repeat(64)}`, featherPx: 2 },
    },
  ],
};

afterEach(() => {
  vi.unstubAllGlobals();
  resetResultView();
});

describe('openJobSource', () => {
  it('opens the job’s source in a new tab at its decoded size when nothing is open', async () => {
    const editor = new Editor();
    const ws = new Workspace(editor);
    ws.attach();
    const size = vi.fn(async () => ({ width: 640, height: 480 }));
    expect(await openJobSource(editor, job, size)).toBe(true);
    expect(size).toHaveBeenCalledWith(`/api/images/${SOURCE}`);
    expect(editor.state.image).toEqual({ id: SOURCE, url: `/api/images/${SOURCE}`, width: 640, height: 480 });
    expect(ws.state.tabs).toHaveLength(1);
  });

  it('leaves an image opened meanwhile alone, and reports a source the server lost', async () => {
    const editor = new Editor();
    let open!: () => void;
    const slow = () =>
      new Promise<{ width: number; height: number }>((ok) => {
        open = () => ok({ width: 1, height: 1 });
      });
    const pending = openJobSource(editor, job, slow);
    editor.loadImage({ id: 'b'.repeat(64), url: '/api/images/b', width: 9, height: 9 });
    open();
    expect(await pending).toBe(true);
    expect(editor.state.image?.id).toBe('b'.repeat(64));

    const empty = new Editor();
    expect(await openJobSource(empty, job, () => Promise.reject(new Error('404')))).toBe(false);
    expect(empty.state.image).toBeNull();
  });
});

describe('useResultSelection', () => {
  it('with no image open, viewing a result opens its source first, then shows the result over it', async () => {
    vi.stubGlobal(
      'Image',
      class {
        naturalWidth = 640;
        naturalHeight = 480;
        onload: (() => void) | null = null;
        onerror: (() => void) | null = null;
        set src(_: string) {
          setTimeout(() => this.onload?.(), 0);
        }
      },
    );
    const editor = new Editor();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <EditorProvider editor={editor}>{children}</EditorProvider>
    );
    const { result } = renderHook(() => useResultSelection(), { wrapper });
    act(() => result.current.show(job, 0, 'composite'));
    expect(editor.state.preview).toBeNull(); // not over nothing
    await waitFor(() => expect(editor.state.preview?.url).toBe(job.outputs[0]!.composite!.url));
    expect(editor.state.image?.id).toBe(SOURCE);
    expect(editor.state.preview).toMatchObject({ width: 640, height: 480 });
    expect(useResultStore.getState().selected?.job.id).toBe('job_1');
  });
});
