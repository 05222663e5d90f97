import type { Env } from '../../env.ts';
import type { Provider, ProviderDeps } from '../interface.ts';
import type { FireflyConfig } from './config.ts';
import { FireflyProvider } from './FireflyProvider.ts';

export {
  fireflyDescriptor,
  FIREFLY_SIZES,
  FIREFLY_DEFAULT_RESULT_HOSTS,
  type FireflyConfig,
} from './config.ts';

/** The Adobe Firefly provider; build it only when both credentials are set (else list fireflyDescriptor(reason)). */
export function createFireflyProvider(config: FireflyConfig, deps: ProviderDeps): Provider {
  return new FireflyProvider(config, deps);
}

/** Firefly's configuration from the environment, or null when a credential is missing. */
export function fireflyConfigFromEnv(env: Env): FireflyConfig | null {
  const clientId = env.FIREFLY_SERVICES_CLIENT_ID;
  const clientSecret = env.FIREFLY_SERVICES_CLIENT_SECRET;
  if (!clientId || !clientSecret) return null;
  return {
    clientId,
    clientSecret,
    apiBaseUrl: env.FIREFLY_API_BASE_URL,
    imsUrl: env.FIREFLY_IMS_URL,
    scopes: env.FIREFLY_SCOPES,
    rpm: env.FIREFLY_RPM,
    resultHosts: env.RESULT_HOSTS,
  };
}
