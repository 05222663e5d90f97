import { Component, Suspense, type ErrorInfo, type ReactNode } from 'react';

/** Browsers word a failed dynamic import differently; all mean the chunk could not be fetched. */
const CHUNK_ERROR =
  /dynamically imported module|Importing a module script failed|error loading dynamically imported|Unable to preload/i;

export const isChunkLoadError = (e: unknown): boolean => e instanceof Error && CHUNK_ERROR.test(e.message);

interface Props {
  /** What failed, for the message: "Prompt QA", "the canvas". */
  name: string;
  /** Shown while the code loads; should take the view's place so nothing shifts when it arrives. */
  fallback: ReactNode;
  /** Where the failure notice goes: over the whole page (a full-screen view) or in place. */
  overlay?: boolean;
  /** Offered beside Reload where the view can simply be closed (a dialog, a full-screen view). */
  onClose?: () => void;
  /** A full reload by default: after a redeploy only new chunk names exist. Tests pass a spy. */
  onReload?: () => void;
  children: ReactNode;
}

/**
 * Suspense for a lazily loaded view, plus an error boundary: a chunk that cannot be fetched (offline, or
 * deleted by a redeploy since this page loaded) shows a readable notice with a reload button, not a blank
 * screen. A render error inside the view is shown the same way instead of unmounting the whole studio.
 */
export class LoadBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(`maskfill: ${this.props.name} failed`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return <Suspense fallback={this.props.fallback}>{this.props.children}</Suspense>;
    const chunk = isChunkLoadError(error);
    return (
      <div
        role="alert"
        className={
          this.props.overlay
            ? 'fixed inset-0 z-50 flex items-center justify-center bg-neutral-950/90 p-6'
            : 'flex h-full w-full items-center justify-center p-4'
        }
      >
        <div className="max-w-md rounded-lg border border-red-500/40 bg-red-950/90 px-4 py-3 text-sm text-red-100 shadow-xl">
          <p className="font-semibold">
            {chunk ? `Could not load ${this.props.name}.` : `${this.props.name} stopped working.`}
          </p>
          <p className="mt-1 text-red-200/80">
            {chunk
              ? 'maskfill may have been updated since this page was opened, or the connection dropped. Reload to get the current version; your draft is kept.'
              : error.message}
          </p>
          <button
            type="button"
            onClick={this.props.onReload ?? (() => window.location.reload())}
            className="mt-3 rounded-md bg-neutral-100 px-3 py-1 text-xs font-semibold text-neutral-900 hover:bg-white"
          >
            Reload
          </button>
          {this.props.onClose ? (
            <button
              type="button"
              onClick={this.props.onClose}
              className="mt-3 ml-2 rounded-md border border-red-300/40 px-3 py-1 text-xs font-semibold text-red-100 hover:bg-red-900"
            >
              Close
            </button>
          ) : null}
        </div>
      </div>
    );
  }
}
