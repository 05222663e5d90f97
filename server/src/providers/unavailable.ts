import type { ProviderId, ProviderInfo } from '../contract/index.ts';
import { AppError } from '../errors.ts';
import { ProviderError, type Provider } from './interface.ts';

/** Firefly's documented output sizes (fill-async `size`). */
export const FIREFLY_SIZES = [
  { width: 2048, height: 2048 },
  { width: 1024, height: 1024 },
  { width: 2304, height: 1792 },
  { width: 1792, height: 2304 },
  { width: 2688, height: 1536 },
  { width: 1344, height: 768 },
  { width: 1152, height: 896 },
  { width: 896, height: 1152 },
];

/** What the UI shows, disabled, for a provider this server has no credentials for. */
export const UNAVAILABLE_INFO: Record<Exclude<ProviderId, 'local'>, ProviderInfo> = {
  firefly: {
    id: 'firefly',
    label: 'Adobe Firefly',
    available: false,
    unavailableReason: 'Set FIREFLY_SERVICES_CLIENT_ID and FIREFLY_SERVICES_CLIENT_SECRET on the server.',
    sizes: FIREFLY_SIZES,
    anySize: false,
    maxVariations: 4,
    promptRequired: false,
    usesPrompt: true,
    supports: { negativePrompt: true, seeds: true, locale: true, cancel: 'always' },
    options: [],
  },
  fal: {
    id: 'fal',
    label: 'FLUX.1 [pro] Fill (fal)',
    available: false,
    unavailableReason: 'Set FAL_KEY (key_id:key_secret) on the server.',
    sizes: null,
    anySize: false,
    maxVariations: 4,
    promptRequired: true,
    usesPrompt: true,
    supports: { negativePrompt: false, seeds: true, locale: false, cancel: 'before_start' },
    options: [],
    pricing: { usdPerMegapixelPerImage: 0.05 },
  },
};

/**
 * A provider that is listed but cannot run: requests get 503 with the reason, and a job left over from
 * a run with credentials fails with the same reason on resume.
 */
export function unavailableProvider(info: ProviderInfo): Provider {
  const reason = `${info.label} is not available: ${info.unavailableReason ?? 'not configured on this server.'}`;
  const refuse = (): never => {
    throw new ProviderError('provider_unavailable', reason, false);
  };
  return {
    id: info.id,
    resubmitWhenLost: false,
    limits: { concurrency: 1 },
    describe: async () => info,
    validate: () => {
      throw new AppError('provider_unavailable', reason);
    },
    submit: async () => refuse(),
    poll: async () => refuse(),
    cancel: async () => ({ accepted: false, message: reason }),
  };
}
