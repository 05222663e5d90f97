import { isTerminal, type Job, type ProviderInfo } from '@maskfill/server/contract';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useEditor, useEditorState } from '../../canvas/EditorContext.tsx';
import { ApiError, errorMessage } from '../../lib/api/ApiError.ts';
import { api } from '../../lib/api/client.ts';
import { usePrompt, usePromptStore } from '../prompt/PromptContext.tsx';
import { providersQuery } from '../queries.ts';
import { usePresenterRoute } from './presenterRoute.ts';
import { SAMPLES } from './samples.ts';
import { useLoadSample } from './useLoadSample.ts';

/** After this long without a result from the chosen provider, the local result is shown meanwhile. */
export const SLOW_MS = 30_000;

/** What the "after" panel shows: the provider's result, else the local one once it failed or is slow. */
export function presenterShows(main: Job | undefined, fallback: Job | undefined, elapsedMs: number) {
  const slow = main !== undefined && !isTerminal(main.status) && elapsedMs > SLOW_MS;
  const failed = main !== undefined && (main.status === 'failed' || main.status === 'cancelled');
  const showFallback = (failed || slow) && fallback !== undefined;
  const shown =
    main?.status === 'succeeded' ? main.outputs[0] : showFallback ? fallback.outputs[0] : undefined;
  return { shown, showFallback, failed, slow };
}

const useLiveJob = (id: string | null) =>
  useQuery({
    queryKey: ['presenter', 'job', id],
    queryFn: () => api.getJob(id!),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && isTerminal(q.state.data.status) ? false : 600),
  });

/**
 * Presenter view for demos: large type, few controls, the result big as it arrives. A remote provider runs
 * with the local engine beside it, so a failed or slow provider shows a clear message and the local
 * result instead of a blank screen.
 */
export function PresenterView() {
  const route = usePresenterRoute();
  const editor = useEditor();
  const image = useEditorState((s) => s.image);
  const hasMask = useEditorState((s) => s.ops.length > 0);
  const draft = usePrompt((s) => s);
  const store = usePromptStore();
  const providers = useQuery(providersQuery());
  const sample = useLoadSample();
  const [run, setRun] = useState<{
    main: string;
    fallback: string | null;
    at: number;
    imageId: string;
  } | null>(null);
  const main = useLiveJob(run?.main ?? null);
  const fallback = useLiveJob(run?.fallback ?? null);
  const [now, setNow] = useState(Date.now());

  // A clock for the "slow provider" switch, ticking only while a run is on screen.
  useEffect(() => {
    if (!run) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [run]);

  const available = (providers.data?.providers ?? []).filter((p) => p.available);
  const provider: ProviderInfo | undefined = available.find((p) => p.id === draft.provider) ?? available[0];

  const generate = useMutation({
    mutationFn: async () => {
      const mask = await editor.exportMaskPng();
      if (!image || !mask || !provider) throw new ApiError(0, 'no_image', 'Open a sample first.');
      const maskId = (await api.uploadImage(mask)).id;
      const prompt = draft.prompt.trim();
      const base = { imageId: image.id, maskId, numVariations: 1 };
      const mainJob = await api.createFill({
        ...base,
        provider: provider.id,
        ...(provider.usesPrompt && prompt ? { prompt } : {}),
      });
      const local = available.some((p) => p.id === 'local');
      const fb =
        provider.id !== 'local' && local ? await api.createFill({ ...base, provider: 'local' }) : null;
      return { main: mainJob.id, fallback: fb?.id ?? null, at: Date.now(), imageId: image.id };
    },
    onSuccess: (r) => setRun(r),
  });

  // A run belongs to the image it was made from: a new sample clears the "after" panel.
  const current = run && run.imageId === image?.id ? run : null;

  if (!route.open) return null;

  const m: Job | undefined = main.data;
  const fb: Job | undefined = fallback.data;
  const { shown, showFallback, failed, slow } = current
    ? presenterShows(m, fb, now - current.at)
    : { shown: undefined, showFallback: false, failed: false, slow: false };

  return (
    <div
      role="dialog"
      aria-label="Presenter"
      className="fixed inset-0 z-50 flex flex-col gap-6 bg-black p-8 text-neutral-100"
    >
      <div className="flex items-center gap-4">
        <h1 className="text-3xl font-semibold tracking-tight">maskfill</h1>
        <select
          aria-label="Provider"
          value={provider?.id ?? ''}
          // A sample sets the local engine when it lands: no choice while one is loading, so none is lost.
          disabled={sample.isPending}
          onChange={(e) => store.setState({ provider: e.target.value as ProviderInfo['id'] })}
          className="rounded-lg border border-neutral-700 bg-neutral-900 px-4 py-3 text-xl"
        >
          {available.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <input
          aria-label="Prompt"
          value={draft.prompt}
          onChange={(e) => store.setState({ prompt: e.target.value })}
          placeholder="What should appear in the masked area?"
          className="min-w-0 flex-1 rounded-lg border border-neutral-700 bg-neutral-900 px-4 py-3 text-xl"
        />
        <button
          type="button"
          disabled={!image || !hasMask || !provider || generate.isPending || sample.isPending}
          onClick={() => generate.mutate()}
          className="rounded-xl bg-gradient-to-r from-pink-600 to-fuchsia-600 px-8 py-3 text-2xl font-semibold disabled:opacity-40"
        >
          {generate.isPending ? 'Sending…' : 'Generate'}
        </button>
        <button
          type="button"
          onClick={route.close}
          className="text-lg text-neutral-400 underline hover:text-white"
        >
          Exit
        </button>
      </div>
      <div className="flex gap-3">
        {SAMPLES.map((s) => (
          <button
            key={s.id}
            type="button"
            onClick={() => {
              setRun(null);
              sample.mutate(s);
            }}
            className="flex items-center gap-3 rounded-xl border border-neutral-800 bg-neutral-900 px-3 py-2 text-lg hover:border-neutral-600"
          >
            <img src={s.photo} alt="" className="size-12 rounded-lg object-cover" />
            {s.label}
          </button>
        ))}
      </div>
      {generate.isError || sample.isError ? (
        <p role="alert" className="rounded-xl bg-red-950 px-6 py-4 text-2xl text-red-100">
          {errorMessage(generate.error ?? sample.error)}
        </p>
      ) : null}
      {failed || slow ? (
        <p
          role="alert"
          data-testid="presenter-fallback"
          className="rounded-xl bg-amber-950 px-6 py-4 text-2xl text-amber-100"
        >
          {failed
            ? `${provider?.label ?? 'The provider'} could not fill this: ${m?.error?.message ?? m?.status}.`
            : `${provider?.label ?? 'The provider'} is taking long.`}{' '}
          {fb ? "Showing the local engine's result." : 'The local engine is not available.'}
        </p>
      ) : null}
      <div className="grid min-h-0 flex-1 grid-cols-2 gap-6">
        <Panel title="Before">
          {image ? (
            <img src={image.url} alt="Source" className="max-h-full max-w-full object-contain" />
          ) : null}
        </Panel>
        <Panel title={showFallback ? 'After (local engine)' : 'After'}>
          {shown ? (
            <img
              data-testid="presenter-result"
              src={shown.url}
              alt="Result"
              className="max-h-full max-w-full object-contain"
            />
          ) : current ? (
            <span className="animate-pulse text-3xl text-neutral-500">
              {m?.status === 'queued' ? 'Waiting in line…' : 'Filling…'}
            </span>
          ) : (
            <span className="text-2xl text-neutral-600">
              {image ? 'Press Generate' : 'Pick a sample above'}
            </span>
          )}
        </Panel>
      </div>
    </div>
  );
}

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="flex min-h-0 flex-col gap-2">
      <h2 className="text-xl text-neutral-400">{title}</h2>
      <div className="flex min-h-0 flex-1 items-center justify-center rounded-2xl bg-neutral-950">
        {children}
      </div>
    </section>
  );
}
