import { describe, expect, it } from 'vitest';
import { handleEditorKey } from './shortcuts.ts';
import { TestEditor } from './TestEditor.ts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('editor shortcuts', () => {
  it('switches tools and steps the brush size', () => {
    const ed = new TestEditor();
    handleEditorKey(ed, key('e'));
    expect(ed.state.tool).toBe('eraser');
    handleEditorKey(ed, key('b'));
    expect(ed.state.tool).toBe('brush');
    const size = ed.state.brushSize;
    handleEditorKey(ed, key(']'));
    expect(ed.state.brushSize).toBeGreaterThan(size);
    handleEditorKey(ed, key('['));
    handleEditorKey(ed, key('['));
    expect(ed.state.brushSize).toBeLessThan(size);
  });

  it('undoes with Ctrl/Cmd+Z and redoes with Shift', () => {
    const ed = new TestEditor().brush(1);
    ed.drag([1.5, 1.5]);
    handleEditorKey(ed, key('z', { ctrlKey: true }));
    expect(ed.filled).toBe(0);
    handleEditorKey(ed, key('Z', { metaKey: true, shiftKey: true }));
    expect(ed.filled).toBe(1);
    expect(handleEditorKey(ed, key('x'))).toBe(false);
  });
});

describe('issue 6 shortcuts', () => {
  it('R, L, P pick the shape tools; Shift+[ ] step hardness; Ctrl+I inverts', () => {
    const ed = new TestEditor();
    for (const [k, tool] of [
      ['r', 'rect'],
      ['l', 'lasso'],
      ['p', 'polygon'],
    ] as const) {
      handleEditorKey(ed, key(k));
      expect(ed.state.tool).toBe(tool);
    }
    ed.setHardness(0.5);
    handleEditorKey(ed, { ...key('{', { shiftKey: true }), code: 'BracketLeft' });
    expect(ed.state.hardness).toBe(0.4);
    handleEditorKey(ed, { ...key('}', { shiftKey: true }), code: 'BracketRight' });
    handleEditorKey(ed, { ...key('}', { shiftKey: true }), code: 'BracketRight' });
    expect(ed.state.hardness).toBe(0.6);
    handleEditorKey(ed, key('i', { ctrlKey: true }));
    expect(ed.filled).toBe(100);
  });

  it('1 zooms to 100% around the view centre, 0 fits; ? toggles the list; M and \\ hide the mask', () => {
    const ed = new TestEditor(1000, 500);
    ed.setViewSize(400, 300);
    handleEditorKey(ed, key('0'));
    expect(ed.state.viewport.scale).toBeCloseTo(0.336);
    handleEditorKey(ed, key('1'));
    expect(ed.state.viewport.scale).toBe(1);
    // The image point at the view centre stays there.
    expect(ed.state.viewport.x).toBeCloseTo(200 - 500);
    handleEditorKey(ed, key('?', { shiftKey: true }));
    expect(ed.state.shortcutsOpen).toBe(true);
    handleEditorKey(ed, key('Escape'));
    expect(ed.state.shortcutsOpen).toBe(false);
    handleEditorKey(ed, key('m'));
    expect(ed.state.maskVisible).toBe(false);
    handleEditorKey(ed, key('m'));
    handleEditorKey(ed, key('\\'));
    expect(ed.state.maskVisible).toBe(false);
  });

  it('Enter closes a polygon in progress', () => {
    const ed = new TestEditor(20, 20);
    handleEditorKey(ed, key('p'));
    for (const [x, y] of [
      [0, 0],
      [20, 0],
      [20, 20],
    ] as const)
      ed.down(x, y).up(x, y);
    expect(handleEditorKey(ed, key('Enter'))).toBe(true);
    expect(ed.filled).toBe(210);
  });
});
