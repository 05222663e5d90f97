import { useEditor, useEditorState } from '../../canvas/EditorContext.tsx';
import { SHORTCUTS } from '../../editor/shortcuts.ts';
import { TAB_SHORTCUTS } from '../tabs/tabKeys.ts';

const ALL = [...SHORTCUTS, ...TAB_SHORTCUTS];

const mod = typeof navigator !== 'undefined' && /Mac|iP(hone|ad)/.test(navigator.platform) ? '⌘' : 'Ctrl';

/** The `?` overlay: every editor shortcut. Escape, `?` or a click outside closes it. */
export function ShortcutsOverlay() {
  const editor = useEditor();
  const open = useEditorState((s) => s.shortcutsOpen);
  if (!open) return null;
  const close = () => editor.store.setState({ shortcutsOpen: false });
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/60" onClick={close}>
      <div
        role="dialog"
        aria-label="Keyboard shortcuts"
        className="w-[30rem] rounded-xl border border-neutral-700 bg-neutral-900 p-5 text-sm text-neutral-300 shadow-2xl"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 className="mb-3 font-medium text-neutral-100">Keyboard shortcuts</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1.5">
          {ALL.map((s) => (
            <div key={s.keys} className="contents">
              <dt className="font-mono text-xs text-pink-200">{s.keys.replaceAll('Mod', mod)}</dt>
              <dd>{s.action}</dd>
            </div>
          ))}
        </dl>
        <button
          type="button"
          onClick={close}
          className="mt-4 rounded-md border border-neutral-700 px-3 py-1 hover:border-neutral-500"
        >
          Close
        </button>
      </div>
    </div>
  );
}
