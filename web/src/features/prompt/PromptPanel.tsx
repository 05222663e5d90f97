import type { ProviderInfo } from '@maskfill/server/contract';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useEditorState } from '../../canvas/EditorContext.tsx';
import { errorMessage } from '../../lib/api/ApiError.ts';
import { estimateCost, formatCost } from '../../lib/cost.ts';
import { Field, inputClass } from '../../ui/Field.tsx';
import { SparkIcon } from '../../ui/icons.tsx';
import { PreflightBar } from '../preflight/PreflightPanel.tsx';
import { usePreflight } from '../preflight/usePreflight.ts';
import { providersQuery } from '../queries.ts';
import { generateBlocker } from './buildFillRequest.ts';
import { usePrompt, usePromptStore } from './PromptContext.tsx';
import { ProviderOptions } from './ProviderOptions.tsx';
import { resolveSize, sizeOptions } from './sizeOptions.ts';
import { useGenerate } from './useGenerate.ts';

export function PromptPanel() {
  const store = usePromptStore();
  const draft = usePrompt((s) => s);
  const image = useEditorState((s) => s.image);
  const providers = useQuery(providersQuery());
  const generate = useGenerate();

  const list = providers.data?.providers ?? [];
  const provider: ProviderInfo | undefined = list.find((p) => p.id === draft.provider);

  // Pick the server's default (or the first available) until the user has chosen one that exists.
  useEffect(() => {
    const data = providers.data;
    if (!data || data.providers.some((p) => p.id === draft.provider && p.available)) return;
    const fallback =
      data.providers.find((p) => p.id === data.default && p.available) ??
      data.providers.find((p) => p.available);
    if (fallback) store.setState({ provider: fallback.id });
  }, [providers.data, draft.provider, store]);

  const sizes = provider ? sizeOptions(provider, image) : [];
  const size = resolveSize(sizes, draft.size);
  const blocker = generateBlocker(draft, provider, image !== null);
  const preflight = usePreflight(provider, size?.size ?? null);
  // Generate with a fill the server would refuse (empty mask …) explains why instead of sending.
  const [refused, setRefused] = useState(false);
  const maxVariations = provider?.maxVariations ?? 4;

  return (
    <form
      className="flex flex-col gap-4"
      aria-label="Fill settings"
      onSubmit={(e) => {
        e.preventDefault();
        setRefused(preflight?.blocker != null);
        if (preflight?.blocker) return;
        if (provider && !blocker && !generate.isPending) generate.mutate(provider);
      }}
    >
      <Field
        id="provider"
        label="Provider"
        hint={
          providers.isError ? (
            <span className="text-red-300">Could not load providers: {errorMessage(providers.error)}</span>
          ) : (
            <UnavailableList providers={list} />
          )
        }
      >
        <select
          id="provider"
          className={inputClass}
          value={draft.provider ?? ''}
          disabled={!providers.data}
          onChange={(e) => store.setState({ provider: e.target.value as ProviderInfo['id'] })}
        >
          {!providers.data ? <option value="">Loading…</option> : null}
          {list.map((p) => (
            <option key={p.id} value={p.id} disabled={!p.available}>
              {p.available ? p.label : `${p.label} — unavailable`}
            </option>
          ))}
        </select>
      </Field>

      <Field
        id="prompt"
        label="Prompt"
        hint={
          provider && !provider.usesPrompt ? (
            'The local engine ignores the prompt: it fills from the surrounding image.'
          ) : provider?.promptRequired ? (
            <span className={draft.prompt.trim() ? undefined : 'text-amber-300/90'}>
              A prompt is required for {provider.label}.
            </span>
          ) : undefined
        }
      >
        <textarea
          id="prompt"
          rows={3}
          className={`${inputClass} resize-y leading-relaxed`}
          placeholder="Describe what should appear in the masked area…"
          value={draft.prompt}
          maxLength={1024}
          required={provider?.promptRequired ?? false}
          onChange={(e) => store.setState({ prompt: e.target.value })}
        />
      </Field>

      {provider?.supports.negativePrompt ? (
        <Field id="negative-prompt" label="Negative prompt">
          <textarea
            id="negative-prompt"
            rows={2}
            className={`${inputClass} resize-y`}
            placeholder="What to avoid"
            value={draft.negativePrompt}
            maxLength={1024}
            onChange={(e) => store.setState({ negativePrompt: e.target.value })}
          />
        </Field>
      ) : null}

      <Field id="output-size" label="Output size">
        <select
          id="output-size"
          className={inputClass}
          value={size?.value ?? ''}
          disabled={!provider}
          onChange={(e) => store.setState({ size: e.target.value })}
        >
          {sizes.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field id="variations" label="Variations">
          <select
            id="variations"
            className={inputClass}
            value={Math.min(draft.variations, maxVariations)}
            onChange={(e) => store.setState({ variations: Number(e.target.value) })}
          >
            {Array.from({ length: maxVariations }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </Field>
        <Field id="seed" label="Seed">
          <input
            id="seed"
            inputMode="numeric"
            title="Blank for random. Variations use seed, seed + 1, …"
            className={`${inputClass} font-mono`}
            placeholder="Random"
            disabled={provider ? !provider.supports.seeds : false}
            value={draft.seed}
            onChange={(e) => store.setState({ seed: e.target.value })}
          />
        </Field>
      </div>

      {provider ? <ProviderOptions provider={provider} /> : null}

      <div className="flex flex-col gap-2 pt-1">
        {provider && image ? (
          <p className="text-xs text-neutral-400" data-testid="cost-estimate">
            <span className="text-neutral-500">Estimated cost: </span>
            {formatCost(
              estimateCost(provider, size?.size ?? image, Math.min(draft.variations, maxVariations), 1),
            )}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={blocker !== null || generate.isPending}
          className="flex items-center justify-center gap-2 rounded-lg bg-gradient-to-r from-pink-600 to-fuchsia-600 px-4 py-2.5 text-sm font-semibold text-white shadow-lg shadow-pink-900/30 transition hover:from-pink-500 hover:to-fuchsia-500 disabled:cursor-not-allowed disabled:from-neutral-800 disabled:to-neutral-800 disabled:text-neutral-500 disabled:shadow-none"
        >
          <SparkIcon />
          {generate.isPending ? 'Submitting…' : 'Generate'}
        </button>
        {blocker && image ? <p className="text-xs text-neutral-500">{blocker}</p> : null}
        <PreflightBar preflight={preflight} provider={provider} refused={refused} />
        {generate.isError ? (
          <p
            role="alert"
            className="rounded-md border border-red-500/30 bg-red-500/10 px-3 py-2 text-sm text-red-200"
          >
            {errorMessage(generate.error)}
          </p>
        ) : null}
      </div>
    </form>
  );
}

function UnavailableList({ providers }: { providers: ProviderInfo[] }) {
  const off = providers.filter((p) => !p.available);
  if (off.length === 0) return null;
  return (
    <ul className="flex flex-col gap-0.5">
      {off.map((p) => (
        <li key={p.id}>
          <span className="text-neutral-400">{p.label}</span>: {p.unavailableReason ?? 'unavailable'}
        </li>
      ))}
    </ul>
  );
}
