import type { Workspace } from './workspace.ts';

/** Alt+1…Alt+9: the tab at that position (Alt+9 the last, as browsers do); Ctrl+Tab belongs to the browser. */
export function handleTabKey(
  workspace: Workspace,
  e: { altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; code?: string },
): boolean {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return false;
  // The physical key: Alt changes the character typed on macOS.
  const n = /^(?:Digit|Numpad)([1-9])$/.exec(e.code ?? '')?.[1];
  if (!n) return false;
  const tabs = workspace.state.tabs;
  const tab = n === '9' ? tabs.at(-1) : tabs[Number(n) - 1];
  if (!tab) return false;
  workspace.activate(tab.id);
  return true;
}

/** Shown in the `?` overlay. */
export const TAB_SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: 'Alt+1 … Alt+8', action: 'Go to open image 1 … 8' },
  { keys: 'Alt+9', action: 'Go to the last open image' },
];
