import { useState } from 'react';
import { Minimap } from './canvas/Minimap.tsx';
import { useEditor, useEditorState } from './canvas/EditorContext.tsx';
import { AccessGate } from './features/access/AccessGate.tsx';
import { LogoutButton } from './features/access/LogoutButton.tsx';
import { useDraft } from './features/draft/useDraft.ts';
import { HistoryButton } from './features/history/HistoryButton.tsx';
import { JobsPanel } from './features/jobs/JobsPanel.tsx';
import { PromptPanel } from './features/prompt/PromptPanel.tsx';
import { CompareBar, ResultOverlay } from './features/results/ResultOverlay.tsx';
import { QaButton } from './features/qa/QaButton.tsx';
import { useQaRoute } from './features/qa/useQaRoute.ts';
import { PresenterButton } from './features/samples/PresenterButton.tsx';
import { usePresenterRoute } from './features/samples/presenterRoute.ts';
import { SampleMenu } from './features/samples/SampleMenu.tsx';
import { TabStrip } from './features/tabs/TabStrip.tsx';
import { useWorkspace } from './features/tabs/useWorkspace.ts';
import { usePromptStore } from './features/prompt/PromptContext.tsx';
import { OptionsBar } from './features/toolbar/OptionsBar.tsx';
import { Toolbar } from './features/toolbar/Toolbar.tsx';
import { DropZone } from './features/upload/DropZone.tsx';
import { ACCEPT_ATTR, useImageUpload } from './features/upload/useImageUpload.ts';
import { errorMessage } from './lib/api/ApiError.ts';
import { UploadIcon } from './ui/icons.tsx';
import { LoadBoundary } from './ui/LoadBoundary.tsx';
import { lazyView } from './ui/lazyView.ts';
import { ViewLoading } from './ui/ViewLoading.tsx';

const UPLOAD_INPUT_ID = 'upload-image';

// The empty studio paints without Konva (~80 KiB gzip): the canvas chunk is requested at once, in parallel
// with the first render. QA and presenter load when opened, or when the pointer reaches their button.
const EditorCanvas = lazyView(() => import('./canvas/EditorCanvas.tsx'), 'EditorCanvas');
EditorCanvas.preload();
const QaView = lazyView(() => import('./features/qa/QaView.tsx'), 'QaView');
const PresenterView = lazyView(() => import('./features/samples/PresenterView.tsx'), 'PresenterView');

/** The studio layout: header, tool rail, canvas, and the prompt + jobs panel. */
export function Studio() {
  const editor = useEditor();
  const workspace = useWorkspace(editor);
  const draft = useDraft(workspace, usePromptStore());
  const [draftNoticeClosed, setDraftNoticeClosed] = useState(false);
  const upload = useImageUpload();
  const image = useEditorState((s) => s.image);
  const preview = useEditorState((s) => s.preview);
  const onFile = (file: File) => upload.mutate(file);
  const qa = useQaRoute();
  const presenter = usePresenterRoute();
  const dropZone =
    !image && draft !== 'pending' ? <DropZone inputId={UPLOAD_INPUT_ID} busy={upload.isPending} /> : null;

  return (
    <div className="flex h-full flex-col bg-neutral-950 text-neutral-200">
      <AccessGate />
      {qa.open ? (
        <LoadBoundary
          name="Prompt QA"
          overlay
          onClose={qa.close}
          fallback={
            <ViewLoading
              label="Loading Prompt QA…"
              className="fixed inset-0 z-40 flex items-center justify-center bg-neutral-950"
            />
          }
        >
          <QaView />
        </LoadBoundary>
      ) : null}
      {presenter.open ? (
        <LoadBoundary
          name="the presenter view"
          overlay
          onClose={presenter.close}
          fallback={
            <ViewLoading
              label="Loading the presenter view…"
              className="fixed inset-0 z-50 flex items-center justify-center bg-black"
            />
          }
        >
          <PresenterView />
        </LoadBoundary>
      ) : null}
      <header className="flex h-12 shrink-0 items-center gap-3 border-b border-neutral-800 bg-neutral-900 px-4">
        <div className="flex items-center gap-2">
          <span className="size-5 rounded-md bg-gradient-to-br from-pink-500 to-fuchsia-600 shadow shadow-pink-900/50" />
          <span className="text-sm font-semibold tracking-tight text-neutral-100">maskfill</span>
        </div>
        <span className="text-xs text-neutral-600">Generative fill studio</span>
        <label
          htmlFor={UPLOAD_INPUT_ID}
          className="ml-auto flex cursor-pointer items-center gap-2 rounded-md border border-neutral-700 px-3 py-1.5 text-xs font-medium text-neutral-200 transition hover:border-neutral-500 hover:bg-neutral-800 focus-within:ring-2 focus-within:ring-pink-400"
        >
          <UploadIcon />
          {upload.isPending ? 'Uploading…' : 'Upload image'}
          <input
            id={UPLOAD_INPUT_ID}
            type="file"
            accept={ACCEPT_ATTR}
            aria-label="Upload image"
            multiple
            className="sr-only"
            onChange={(e) => {
              // Each picked image opens in its own tab.
              for (const f of e.target.files ?? []) onFile(f);
              e.target.value = '';
            }}
          />
        </label>
        <SampleMenu />
        <div className="contents" onPointerEnter={QaView.preload} onFocus={QaView.preload}>
          <QaButton />
        </div>
        <div className="contents" onPointerEnter={PresenterView.preload} onFocus={PresenterView.preload}>
          <PresenterButton />
        </div>
        <HistoryButton />
        <LogoutButton />
      </header>

      <div className="flex min-h-0 flex-1">
        <Toolbar />
        <main className="flex min-w-0 flex-1 flex-col">
          <OptionsBar />
          <TabStrip workspace={workspace} uploadInputId={UPLOAD_INPUT_ID} />
          <div className="canvas-backdrop relative min-h-0 flex-1">
            <LoadBoundary
              name="the canvas"
              fallback={
                <div className="relative h-full w-full">
                  {dropZone}
                  {image ? (
                    <ViewLoading
                      label="Loading the canvas…"
                      className="flex h-full items-center justify-center"
                    />
                  ) : null}
                </div>
              }
            >
              <EditorCanvas onFiles={(files) => files.forEach(onFile)}>{dropZone}</EditorCanvas>
            </LoadBoundary>
            <Minimap />
            <ResultOverlay />
            <CompareBar />
            {image ? <ShortcutHints /> : null}
            <div className="pointer-events-none absolute inset-x-0 top-3 flex flex-col items-center gap-2 px-4">
              {upload.isError ? (
                <Banner tone="error" onClose={upload.reset}>
                  Upload failed: {errorMessage(upload.error)}
                </Banner>
              ) : null}
              {draft === 'image-missing' && !image ? (
                <Banner tone="warn">
                  The image from your last session is no longer on the server. Your prompt was kept — upload
                  the image again to continue.
                </Banner>
              ) : null}
              {draft === 'some-missing' && !draftNoticeClosed ? (
                <Banner tone="warn" onClose={() => setDraftNoticeClosed(true)}>
                  Some images from your last session are no longer on the server; their tabs were closed.
                </Banner>
              ) : null}
              {preview ? (
                <Banner tone="info">
                  Viewing {preview.label}
                  <button
                    type="button"
                    onClick={() => editor.setPreview(null)}
                    className="ml-3 rounded-md bg-neutral-100 px-2 py-0.5 text-xs font-semibold text-neutral-900 hover:bg-white"
                  >
                    Show source
                  </button>
                </Banner>
              ) : null}
            </div>
          </div>
        </main>
        <aside
          aria-label="Fill"
          className="scrollbar-thin flex w-[360px] shrink-0 flex-col gap-6 overflow-y-auto border-l border-neutral-800 bg-neutral-900 p-4"
        >
          <PromptPanel />
          <div className="h-px bg-neutral-800" />
          <JobsPanel />
        </aside>
      </div>
    </div>
  );
}

function Banner({
  tone,
  onClose,
  children,
}: {
  tone: 'error' | 'warn' | 'info';
  onClose?: () => void;
  children: React.ReactNode;
}) {
  const style = {
    error: 'border-red-500/40 bg-red-950/90 text-red-100',
    warn: 'border-amber-500/40 bg-amber-950/90 text-amber-100',
    info: 'border-neutral-700 bg-neutral-900/95 text-neutral-200',
  }[tone];
  return (
    <div
      role={tone === 'info' ? 'status' : 'alert'}
      className={`pointer-events-auto flex max-w-xl items-center rounded-lg border px-3.5 py-2 text-sm shadow-xl backdrop-blur ${style}`}
    >
      <span className="flex-1">{children}</span>
      {onClose ? (
        <button
          type="button"
          aria-label="Dismiss"
          onClick={onClose}
          className="ml-3 text-current opacity-60 hover:opacity-100"
        >
          ×
        </button>
      ) : null}
    </div>
  );
}

const HINTS: [string, string][] = [
  ['B E', 'brush, eraser'],
  ['R L P', 'shapes'],
  ['[ ]', 'size'],
  ['Space', 'pan'],
  ['Wheel', 'zoom'],
  ['0 1', 'fit, 100%'],
  ['Esc', 'cancel'],
  ['?', 'all shortcuts'],
];

function ShortcutHints() {
  return (
    <div className="pointer-events-none absolute bottom-3 left-1/2 flex -translate-x-1/2 gap-3 rounded-full border border-neutral-800 bg-neutral-900/85 px-4 py-1.5 text-[11px] text-neutral-500 shadow-lg backdrop-blur">
      {HINTS.map(([k, what]) => (
        <span key={k} className="whitespace-nowrap">
          <kbd className="rounded bg-neutral-800 px-1 py-px font-mono text-[10px] text-neutral-300">{k}</kbd>{' '}
          {what}
        </span>
      ))}
    </div>
  );
}
