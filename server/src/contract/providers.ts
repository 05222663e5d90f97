import { z } from 'zod';
import { ProviderId, Size } from './common.ts';

/** A provider-specific option, described so the UI can render it without hard-coding. */
export const OptionSpec = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('enum'),
    key: z.string(),
    label: z.string(),
    values: z.array(z.object({ value: z.string(), label: z.string() })),
    default: z.string(),
    help: z.string().optional(),
  }),
  z.object({
    type: z.literal('boolean'),
    key: z.string(),
    label: z.string(),
    default: z.boolean(),
    help: z.string().optional(),
  }),
  z.object({
    type: z.literal('integer'),
    key: z.string(),
    label: z.string(),
    min: z.number().int(),
    max: z.number().int(),
    default: z.number().int(),
    help: z.string().optional(),
  }),
]);
export type OptionSpec = z.infer<typeof OptionSpec>;

/**
 * What the server does to, or refuses in, the image and mask a provider is sent. Served (not mirrored by
 * the page) so a preflight can say it before Generate; each field is read from the constant the
 * provider enforces.
 */
export const ProviderInputs = z.object({
  /** A source whose long side is below this is scaled up, mask and all, before sending; null = sent as is. */
  minLongSide: z.number().int().positive().nullable(),
  /** A mask covering every pixel is refused (`invalid_mask`): the provider needs pixels to copy from. */
  refusesFullMask: z.boolean(),
  /**
   * How an output of another aspect ratio relates to the source: `cover` = scaled to fill the output,
   * the overflow cropped from the centre; `unknown` = the upstream does not document it; null = the
   * output always keeps the source size.
   */
  fit: z.enum(['cover', 'unknown']).nullable(),
});
export type ProviderInputs = z.infer<typeof ProviderInputs>;

export const ProviderInfo = z.object({
  id: ProviderId,
  label: z.string(),
  available: z.boolean(),
  unavailableReason: z.string().optional(),
  /** Allowed output sizes, or null when the output follows the source size. */
  sizes: z.array(Size).nullable(),
  /** Whether `size` may be any value (local) rather than one of `sizes`. */
  anySize: z.boolean(),
  maxVariations: z.number().int().min(1).max(4),
  promptRequired: z.boolean(),
  /** False for the local engine, which ignores the prompt (the UI says so). */
  usesPrompt: z.boolean(),
  supports: z.object({
    negativePrompt: z.boolean(),
    seeds: z.boolean(),
    locale: z.boolean(),
    cancel: z.enum(['always', 'before_start', 'never']),
  }),
  options: z.array(OptionSpec),
  /** Cost rule, e.g. fal's $0.05 per megapixel per image. */
  pricing: z
    .object({ usdPerMegapixelPerImage: z.number().optional(), usdPerCall: z.number().optional() })
    .optional(),
  /** Input rules; always sent by this server (optional so a client of an older server still parses). */
  inputs: ProviderInputs.optional(),
});
export type ProviderInfo = z.infer<typeof ProviderInfo>;

export const ProviderList = z.object({
  default: ProviderId,
  providers: z.array(ProviderInfo),
});
export type ProviderList = z.infer<typeof ProviderList>;
