import type { ProviderInfo } from '@maskfill/server/contract';
import { Field, inputClass } from '../../ui/Field.tsx';
import { usePrompt, usePromptStore } from './PromptContext.tsx';
import { setOption } from './promptStore.ts';

/** Renders a provider's options from its description (enum → select, boolean → checkbox, integer → number). */
export function ProviderOptions({ provider }: { provider: ProviderInfo }) {
  const store = usePromptStore();
  const values = usePrompt((s) => s.options[provider.id]);
  if (provider.options.length === 0) return null;
  return (
    <div className="flex flex-col gap-3">
      {provider.options.map((spec) => {
        const id = `opt-${provider.id}-${spec.key}`;
        const value = values?.[spec.key] ?? spec.default;
        const set = (v: unknown) => setOption(store, provider.id, spec.key, v);
        switch (spec.type) {
          case 'enum':
            return (
              <Field key={spec.key} id={id} label={spec.label} hint={spec.help}>
                <select
                  id={id}
                  className={inputClass}
                  value={String(value)}
                  onChange={(e) => set(e.target.value)}
                >
                  {spec.values.map((v) => (
                    <option key={v.value} value={v.value}>
                      {v.label}
                    </option>
                  ))}
                </select>
              </Field>
            );
          case 'boolean':
            return (
              <div key={spec.key} className="flex flex-col gap-1">
                <label htmlFor={id} className="flex items-center gap-2 text-sm text-neutral-200">
                  <input
                    id={id}
                    type="checkbox"
                    className="size-4 accent-pink-500"
                    checked={value === true}
                    onChange={(e) => set(e.target.checked)}
                  />
                  {spec.label}
                </label>
                {spec.help ? <div className="text-xs text-neutral-500">{spec.help}</div> : null}
              </div>
            );
          case 'integer':
            return (
              <Field key={spec.key} id={id} label={spec.label} hint={spec.help}>
                <input
                  id={id}
                  type="number"
                  className={inputClass}
                  min={spec.min}
                  max={spec.max}
                  step={1}
                  value={Number(value)}
                  onChange={(e) => {
                    const n = Math.round(Number(e.target.value));
                    if (Number.isFinite(n)) set(Math.min(spec.max, Math.max(spec.min, n)));
                  }}
                />
              </Field>
            );
        }
      })}
    </div>
  );
}
