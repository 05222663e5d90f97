import { z } from 'zod';
import type { OptionSpec } from '../../contract/index.ts';

const SAFETY_LEVELS = ['1', '2', '3', '4', '5', '6'] as const;

/** FLUX.1 [pro] Fill's own knobs, described for `/api/providers` so the UI renders them. */
export const FAL_OPTION_SPECS: OptionSpec[] = [
  {
    type: 'enum',
    key: 'output_format',
    label: 'Output format',
    values: [
      { value: 'jpeg', label: 'JPEG' },
      { value: 'png', label: 'PNG (lossless)' },
    ],
    default: 'jpeg',
  },
  {
    type: 'enum',
    key: 'safety_tolerance',
    label: 'Safety tolerance',
    values: SAFETY_LEVELS.map((v) => ({
      value: v,
      label: v === '1' ? '1 (strictest)' : v === '6' ? '6 (most permissive)' : v,
    })),
    default: '2',
    help: 'How strict fal’s safety checker is; flagged outputs come back marked.',
  },
  {
    type: 'boolean',
    key: 'enhance_prompt',
    label: 'Enhance prompt',
    default: false,
    help: 'Let the model rewrite the prompt for richer results.',
  },
];

export const FalOptions = z
  .object({
    output_format: z.enum(['jpeg', 'png']).default('jpeg'),
    safety_tolerance: z.enum(SAFETY_LEVELS).default('2'),
    enhance_prompt: z.boolean().default(false),
  })
  .strict();
export type FalOptions = z.infer<typeof FalOptions>;

/** Parses `options` of a fill request; the message names the first bad option. */
export function parseFalOptions(options: Record<string, unknown> | undefined) {
  const result = FalOptions.safeParse(options ?? {});
  if (result.success) return { ok: true as const, options: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `options.${issue.path.join('.')}` : 'options';
  return { ok: false as const, message: `${where}: ${issue?.message ?? 'invalid'}` };
}
