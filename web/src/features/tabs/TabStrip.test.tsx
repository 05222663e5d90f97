import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Editor } from '../../editor/Editor.ts';
import type { SourceImage } from '../../editor/store.ts';
import { TabStrip } from './TabStrip.tsx';
import { Workspace } from './workspace.ts';

afterEach(cleanup);

const img = (n: number, name: string): SourceImage => ({
  id: String(n).repeat(64),
  width: 8,
  height: 8,
  url: `/api/images/${n}`,
  name,
});

function setup() {
  const editor = new Editor();
  const ws = new Workspace(editor);
  ws.attach();
  const view = render(<TabStrip workspace={ws} uploadInputId="upload" />);
  const open = (n: number, name: string) => act(() => ws.open(img(n, name)));
  return { editor, ws, view, open };
}

describe('TabStrip', () => {
  it('is absent with no image open', () => {
    setup();
    expect(screen.queryByRole('tablist')).toBeNull();
  });

  it('lists the open images as tabs; a click switches, × closes', () => {
    const { editor, open } = setup();
    open(1, 'one.png');
    open(2, 'two.png');
    expect(screen.getByRole('tablist', { name: 'Open images' })).toBeTruthy();
    const [one, two] = screen.getAllByRole('tab');
    expect(one!.textContent).toBe('one.png');
    expect(two!.getAttribute('aria-selected')).toBe('true');
    expect(one!.getAttribute('aria-selected')).toBe('false');
    expect(two!.getAttribute('title')).toBe('two.png — 8×8');

    fireEvent.click(one!);
    expect(screen.getByRole('tab', { name: 'one.png' }).getAttribute('aria-selected')).toBe('true');
    expect(editor.state.image?.name).toBe('one.png');

    fireEvent.click(screen.getByRole('button', { name: 'Close one.png' }));
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['two.png']);
    expect(editor.state.image?.name).toBe('two.png');
  });

  it('shows a long name cut in the middle; the full name is its title and accessible name', () => {
    const { open } = setup();
    const full = 'holiday-2026-lisbon-tram-at-dusk.jpg · Firefly #12';
    open(1, full);
    const tab = screen.getByRole('tab', { name: full });
    expect(tab.textContent).toBe('holiday-2026-… · Firefly #12');
    expect(tab.getAttribute('title')).toBe(`${full} — 8×8`);
    expect(screen.getByRole('button', { name: `Close ${full}` })).toBeTruthy();
  });

  it('arrow keys, Home/End and Alt+digit move between tabs; a middle click closes one', () => {
    const { ws, open } = setup();
    open(1, 'a');
    open(2, 'b');
    open(3, 'c');
    const selected = () =>
      screen.getAllByRole('tab').find((t) => t.getAttribute('aria-selected') === 'true')!;
    fireEvent.keyDown(selected(), { key: 'ArrowRight' }); // wraps around
    expect(selected().textContent).toBe('a');
    expect(document.activeElement).toBe(selected());
    fireEvent.keyDown(selected(), { key: 'End' });
    expect(selected().textContent).toBe('c');
    fireEvent.keyDown(selected(), { key: 'ArrowLeft' });
    expect(selected().textContent).toBe('b');
    fireEvent.keyDown(window, { key: '¡', code: 'Digit1', altKey: true });
    expect(selected().textContent).toBe('a');
    fireEvent.keyDown(window, { key: '9', code: 'Digit9', altKey: true }); // the last
    expect(selected().textContent).toBe('c');
    fireEvent.keyDown(window, { key: '1', code: 'Digit1' }); // without Alt: the editor's 100%
    expect(selected().textContent).toBe('c');
    fireEvent(
      screen.getByRole('tab', { name: 'b' }).parentElement!,
      new MouseEvent('auxclick', { bubbles: true, button: 1 }),
    );
    expect(ws.state.tabs.map((t) => t.name)).toEqual(['a', 'c']);
  });
});
