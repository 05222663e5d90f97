import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../env.ts';
import { fireflyConfigFromEnv } from './index.ts';

describe('fireflyConfigFromEnv', () => {
  it('is null unless both credentials are set', () => {
    expect(fireflyConfigFromEnv(parseEnv({}))).toBeNull();
    expect(
      fireflyConfigFromEnv(
        parseEnv({ FIREFLY_SERVICES_CLIENT_ID: 'id', FIREFLY_SERVICES_CLIENT_SECRET: '' }),
      ),
    ).toBeNull();
  });

  it('takes the documented defaults and RESULT_HOSTS', () => {
    const config = fireflyConfigFromEnv(
      parseEnv({
        FIREFLY_SERVICES_CLIENT_ID: 'id',
        FIREFLY_SERVICES_CLIENT_SECRET: 'secret',
        RESULT_HOSTS: 'a.example.com, *.b.example.com,',
      }),
    );
    expect(config).toEqual({
      clientId: 'id',
      clientSecret: 'secret',
      apiBaseUrl: 'https://firefly-api.adobe.io',
      imsUrl: 'https://ims-na1.adobelogin.com/ims/token/v3',
      scopes: 'openid,AdobeID,read_organizations,firefly_api,ff_apis',
      rpm: 4,
      resultHosts: ['a.example.com', '*.b.example.com'],
    });
  });
});
