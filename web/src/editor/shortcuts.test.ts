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
