import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

  it('zooms the main view about the image point under the pointer on a wheel, and stops the page scrolling', () => {
    const editor = setup();
    act(() => editor.zoomTo(1));
    act(() => editor.store.setState({ viewport: { x: -600, y: -200, scale: 1 } }));
    const canvas = screen.getByTestId('minimap-canvas');
    // 2000×1000 in 200×100: 0.1 minimap px per image px; the minimap's box starts at (0, 0) in jsdom.
    const wheel = new WheelEvent('wheel', {
      deltaY: -100,
      clientX: 100,
      clientY: 40,
      bubbles: true,
      cancelable: true,
    });
    const outside = vi.fn();
    window.addEventListener('wheel', outside);
    act(() => void canvas.dispatchEvent(wheel));
    window.removeEventListener('wheel', outside);
    expect(wheel.defaultPrevented).toBe(true);
    expect(outside).not.toHaveBeenCalled(); // nothing behind the minimap zooms as well
    const v = editor.state.viewport;
    expect(v.scale).toBeCloseTo(Math.exp(0.15), 12);
    // Image point (1000, 400) was at screen (400, 200) and stays there.
    expect(v.x + 1000 * v.scale).toBeCloseTo(400, 9);
    expect(v.y + 400 * v.scale).toBeCloseTo(200, 9);
  });
});
