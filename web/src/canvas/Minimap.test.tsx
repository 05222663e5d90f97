import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Editor } from '../editor/Editor.ts';
import { EditorProvider } from './EditorContext.tsx';
import { Minimap } from './Minimap.tsx';

afterEach(cleanup);

function setup() {
  const editor = new Editor({
    image: { id: 'a'.repeat(64), width: 2000, height: 1000, url: '/api/images/a' },
    viewSize: { width: 800, height: 600 },
    viewport: { x: 0, y: 100, scale: 0.4 }, // 800×400: the whole image on screen
  });
  render(
    <EditorProvider editor={editor}>
      <Minimap />
    </EditorProvider>,
  );
  return editor;
}

describe('Minimap', () => {
  it('appears only while part of the image is off screen', () => {
    const editor = setup();
    expect(screen.queryByRole('group', { name: 'Minimap' })).toBeNull();
    act(() => editor.zoomTo(1));
    const map = screen.getByRole('group', { name: 'Minimap' });
    expect(screen.getByTestId('minimap-canvas').style.width).toBe('200px'); // 2:1 in 200×150
    expect(screen.getByTestId('minimap-canvas').style.height).toBe('100px');
    expect(map).toBeTruthy();
    act(() => editor.fit());
    expect(screen.queryByRole('group', { name: 'Minimap' })).toBeNull();
    // A result shown large hides it too.
    act(() => editor.zoomTo(1));
    act(() => editor.setPreview({ url: '/r', width: 2000, height: 1000, label: 'result' }));
    expect(screen.queryByRole('group', { name: 'Minimap' })).toBeNull();
  });

  it('pans the view with the arrow keys, a tenth of the view per press', () => {
    const editor = setup();
    act(() => editor.zoomTo(1));
    const before = editor.state.viewport;
    fireEvent.keyDown(screen.getByRole('group', { name: 'Minimap' }), { key: 'ArrowRight' });
    expect(editor.state.viewport.x).toBeCloseTo(before.x - 80);
    fireEvent.keyDown(screen.getByRole('group', { name: 'Minimap' }), { key: 'ArrowUp', shiftKey: true });
    expect(editor.state.viewport.y).toBeCloseTo(before.y + 300);
  });
});
