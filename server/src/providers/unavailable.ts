import type { ProviderInfo } from '../contract/index.ts';
import { AppError } from '../errors.ts';
import { ProviderError, type Provider } from './interface.ts';

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
