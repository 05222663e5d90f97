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
