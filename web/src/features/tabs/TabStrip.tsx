import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { handleTabKey } from './tabKeys.ts';
import { shortTabName } from './tabNames.ts';
import type { Workspace } from './workspace.ts';

const isTyping = (t: EventTarget | null) =>
  t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

/**
 * The open images above the canvas: click to switch, × (or middle click) to close, "+" to upload another.
 * A tablist in the ARIA sense: arrow keys, Home and End move between tabs.
 */
export function TabStrip({ workspace, uploadInputId }: { workspace: Workspace; uploadInputId: string }) {
  const tabs = useStore(workspace.store, (s) => s.tabs);
  const activeId = useStore(workspace.store, (s) => s.activeId);
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (!isTyping(e.target) && handleTabKey(workspace, e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [workspace]);

  if (tabs.length === 0) return null;

  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = tabs.findIndex((t) => t.id === activeId);
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : -1;
    const tab = tabs[to];
    if (!tab) return;
    e.preventDefault();
    workspace.activate(tab.id);
    listRef.current?.querySelector<HTMLElement>(`[data-tab-id="${tab.id}"]`)?.focus();
  };

  return (
    <div className="flex h-9 shrink-0 items-stretch border-b border-neutral-800 bg-neutral-900/60 pl-2 text-xs">
      <div
        ref={listRef}
        role="tablist"
        aria-label="Open images"
        className="scrollbar-thin flex min-w-0 items-stretch gap-px overflow-x-auto"
        onKeyDown={onListKey}
      >
        {tabs.map((tab) => {
          const active = tab.id === activeId;
          return (
            <div
              key={tab.id}
              role="presentation"
              className={`group flex shrink-0 items-center border-b-2 ${
                active
                  ? 'border-pink-500 bg-neutral-800 text-neutral-100'
                  : 'border-transparent text-neutral-400 hover:bg-neutral-800/60 hover:text-neutral-200'
              }`}
              onAuxClick={(e) => {
                if (e.button === 1) workspace.close(tab.id);
              }}
            >
              <button
                type="button"
                role="tab"
                data-tab-id={tab.id}
                aria-selected={active}
                aria-label={tab.name}
                tabIndex={active ? 0 : -1}
                title={`${tab.name} — ${tab.image.width}×${tab.image.height}`}
                onClick={() => workspace.activate(tab.id)}
                className="flex h-full items-center gap-2 pr-1 pl-2 outline-none focus-visible:ring-2 focus-visible:ring-pink-400 focus-visible:ring-inset"
              >
                <img
                  src={tab.image.url}
                  alt=""
                  draggable={false}
                  className="size-5 rounded-sm bg-neutral-800 object-cover"
                />
                <span className="max-w-52 truncate">{shortTabName(tab.name)}</span>
              </button>
              <button
                type="button"
                aria-label={`Close ${tab.name}`}
                title="Close (middle click)"
                onClick={() => workspace.close(tab.id)}
                className={`mr-1 flex size-5 items-center justify-center rounded text-sm leading-none outline-none hover:bg-neutral-700 hover:text-neutral-100 focus-visible:ring-2 focus-visible:ring-pink-400 ${
                  active ? 'opacity-70' : 'opacity-0 group-hover:opacity-70 focus-visible:opacity-100'
                }`}
              >
                ×
              </button>
            </div>
          );
        })}
      </div>
      <label
        htmlFor={uploadInputId}
        title="Open another image"
        className="ml-1 flex w-8 shrink-0 cursor-pointer items-center justify-center text-base text-neutral-500 hover:bg-neutral-800 hover:text-neutral-200"
      >
        +<span className="sr-only">Open another image</span>
      </label>
    </div>
  );
}
