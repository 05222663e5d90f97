import type { BatchRequest, ProviderInfo } from '@maskfill/server/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useEditor, useEditorState } from '../../canvas/EditorContext.tsx';
import { ApiError, errorMessage } from '../../lib/api/ApiError.ts';
import { api } from '../../lib/api/client.ts';
import { formatDuration, formatUsd } from '../../lib/cost.ts';
import { Field, inputClass } from '../../ui/Field.tsx';
import { usePrompt, usePromptStore } from '../prompt/PromptContext.tsx';
import { batchApi } from './batchApi.ts';
import { batchKey } from './QaBatch.tsx';
import { parsePrompts, parseSeeds, planBatch } from './plan.ts';

/** Prompts × seeds × providers from the current image and mask, with calls, cost and time shown first. */
export function QaForm({
  providers,
  onCreated,
}: {
  providers: ProviderInfo[];
  onCreated: (id: string) => void;
}) {
  const editor = useEditor();
  const image = useEditorState((s) => s.image);
  const hasMask = useEditorState((s) => s.ops.length > 0);
  const draftPrompt = usePrompt((s) => s.prompt);
  const promptStore = usePromptStore();
  const qc = useQueryClient();
  const [promptsText, setPrompts] = useState(draftPrompt);
  const [seedsText, setSeeds] = useState('1, 2');
  const [chosen, setChosen] = useState<ProviderInfo['id'][]>(['local']);
  const limits = useQuery({ queryKey: ['batches', 'limits'], queryFn: batchApi.limits, staleTime: 60_000 });

  const prompts = parsePrompts(promptsText);
  const seeds = parseSeeds(seedsText);
  const selected = providers.filter((p) => p.available && chosen.includes(p.id));
  const output = image ?? { width: 1024, height: 1024 };
  const plan =
    Array.isArray(seeds) && prompts.length > 0
      ? planBatch(prompts.length, seeds.length, selected, output, (id) => {
          const l = limits.data?.limits.find((x) => x.provider === id);
          return { concurrency: l?.concurrency ?? 1, requestsPerMinute: l?.requestsPerMinute ?? null };
        })
      : null;

  const blocker = !image
    ? 'Open an image and paint a mask first.'
    : !hasMask
      ? 'Paint a mask first.'
      : prompts.length === 0
        ? 'Enter at least one prompt.'
        : !Array.isArray(seeds)
          ? seeds.error
          : selected.length === 0
            ? 'Choose at least one provider.'
            : null;

  const submit = useMutation({
    mutationFn: async () => {
      const mask = await editor.exportMaskPng();
      if (!image || !mask || !Array.isArray(seeds)) throw new ApiError(0, 'no_image', 'Open an image first.');
      const maskInfo = await api.uploadImage(mask);
      const options = promptStore.getState().options;
      const req: BatchRequest = {
        imageId: image.id,
        maskId: maskInfo.id,
        prompts,
        seeds,
        providers: selected.map((p) => p.id),
        options: Object.fromEntries(
          selected
            .filter((p) => p.options.length > 0)
            .map((p) => [
              p.id,
              Object.fromEntries(p.options.map((o) => [o.key, options[p.id]?.[o.key] ?? o.default])),
            ]),
        ),
      };
      return batchApi.create(req);
    },
    onSuccess: (b) => {
      qc.setQueryData(batchKey(b.id), b);
      void qc.invalidateQueries({ queryKey: ['batches', 'list'] });
      onCreated(b.id);
    },
  });

  return (
    <form
      aria-label="New QA batch"
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!blocker && !submit.isPending) submit.mutate();
      }}
    >
      <Field id="qa-prompts" label="Prompts (one per line)">
        <textarea
          id="qa-prompts"
          rows={5}
          className={`${inputClass} resize-y leading-relaxed`}
          value={promptsText}
          onChange={(e) => setPrompts(e.target.value)}
          placeholder={'a wooden bench\na stone fountain'}
        />
      </Field>
      <Field id="qa-seeds" label="Seeds" hint={'A list ("1, 2, 3") or "4 random".'}>
        <input
          id="qa-seeds"
          className={`${inputClass} font-mono`}
          value={seedsText}
          onChange={(e) => setSeeds(e.target.value)}
        />
      </Field>
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1.5 text-[11px] font-medium uppercase tracking-wider text-neutral-400">
          Providers
        </legend>
        {providers.map((p) => (
          <label
            key={p.id}
            className={`flex items-center gap-2 text-sm ${p.available ? 'text-neutral-200' : 'text-neutral-600'}`}
          >
            <input
              type="checkbox"
              disabled={!p.available}
              checked={p.available && chosen.includes(p.id)}
              onChange={(e) =>
                setChosen((c) => (e.target.checked ? [...c, p.id] : c.filter((x) => x !== p.id)))
              }
            />
            {p.label}
            {!p.available ? <span className="text-xs">— unavailable</span> : null}
          </label>
        ))}
      </fieldset>
      {plan && selected.length > 0 ? (
        <div
          data-testid="qa-plan"
          className="rounded-md border border-neutral-800 bg-neutral-950/60 p-2.5 text-xs text-neutral-300"
        >
          <p className="font-medium text-neutral-100">
            {plan.calls} calls ·{' '}
            {plan.usd > 0 || !plan.plan ? (plan.usd > 0 ? `≈ ${formatUsd(plan.usd)}` : 'free') : ''}
            {plan.plan ? `${plan.usd > 0 ? ' + ' : ''}billed by plan` : ''} · about{' '}
            {formatDuration(plan.seconds)}
          </p>
          <ul className="mt-1 flex flex-col gap-0.5 text-neutral-500">
            {plan.perProvider.map((p) => {
              const l = limits.data?.limits.find((x) => x.provider === p.provider.id);
              return (
                <li key={p.provider.id}>
                  {p.provider.label}: {p.calls} calls, ~{formatDuration(p.seconds)}
                  {l?.requestsPerMinute ? ` (limit ${l.requestsPerMinute}/min)` : ''}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
      <button
        type="submit"
        disabled={blocker !== null || submit.isPending}
        className="rounded-lg bg-gradient-to-r from-pink-600 to-fuchsia-600 px-4 py-2 text-sm font-semibold text-white disabled:cursor-not-allowed disabled:from-neutral-800 disabled:to-neutral-800 disabled:text-neutral-500"
      >
        {submit.isPending ? 'Submitting…' : plan ? `Run batch (${plan.calls} calls)` : 'Run batch'}
      </button>
      {blocker ? <p className="text-xs text-neutral-500">{blocker}</p> : null}
      {submit.isError ? (
        <p
          role="alert"
          className="rounded-md border border-red-500/30 bg-red-500/10 px-3 py-2 text-sm text-red-200"
        >
          {errorMessage(submit.error)}
        </p>
      ) : null}
    </form>
  );
}
