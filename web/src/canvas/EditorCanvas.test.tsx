import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TestEditor } from '../editor/TestEditor.ts';
import { EditorCanvas } from './EditorCanvas.tsx';
import { EditorProvider } from './EditorContext.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setup() {
  // jsdom has no pointer capture.
  HTMLElement.prototype.setPointerCapture ??= () => {};
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(private cb: ResizeObserverCallback) {}
      observe() {
        this.cb([{ contentRect: { width: 200, height: 100 } } as ResizeObserverEntry], this as never);
      }
      disconnect() {}
    },
  );
  const editor = new TestEditor(100, 50).brush(4);
  const onFiles = vi.fn();
  render(
    <EditorProvider editor={editor}>
      <EditorCanvas onFiles={onFiles} />
    </EditorProvider>,
  );
  return { editor, onFiles, el: screen.getByTestId('editor-canvas') };
}

describe('EditorCanvas', () => {
  it('fits the image to the view and turns pointer input into one stroke in image coordinates', () => {
    const { editor, el } = setup();
    // 200×100 view, 32 px margins → scale min(136/100, 36/50) = 0.72, centred.
    expect(editor.state.viewport.scale).toBeCloseTo(0.72);
    const { x, y } = editor.state.viewport;
    fireEvent.pointerDown(el, { button: 0, pointerId: 1, clientX: x + 36, clientY: y + 18 });
    fireEvent.pointerMove(el, { pointerId: 1, clientX: x + 54, clientY: y + 18 });
    fireEvent.pointerUp(el, { pointerId: 1, clientX: x + 54, clientY: y + 18 });
    expect(editor.state.ops).toHaveLength(1);
    const op = editor.state.ops[0]!;
    expect(op.type === 'stroke' && op.points.map((p) => Math.round(p))).toEqual([50, 25, 75, 25]);
  });

  it('pans with the middle button and zooms with the wheel towards the cursor', () => {
    const { editor, el } = setup();
    const before = editor.state.viewport;
    fireEvent.pointerDown(el, { button: 1, pointerId: 2, clientX: 10, clientY: 10 });
    fireEvent.pointerMove(el, { pointerId: 2, clientX: 30, clientY: 15 });
    fireEvent.pointerUp(el, { pointerId: 2, clientX: 30, clientY: 15 });
    expect(editor.state.viewport).toMatchObject({ x: before.x + 20, y: before.y + 5 });
    expect(editor.state.ops).toHaveLength(0);
    fireEvent.wheel(el, { deltaY: -200, clientX: 100, clientY: 50 });
    expect(editor.state.viewport.scale).toBeGreaterThan(before.scale);
  });

  it('hands dropped image files to the uploader', () => {
    const { el, onFiles } = setup();
    const file = new File(['x'], 'photo.png', { type: 'image/png' });
    fireEvent.drop(el, { dataTransfer: { files: [file] } });
    expect(onFiles).toHaveBeenCalledWith([file]);
  });
});
