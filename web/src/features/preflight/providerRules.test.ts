import { describe, expect, it } from 'vitest';
import { MIN_LONG_SIDE } from '../../../../server/src/providers/firefly/config.ts';
import { LOCAL_INFO } from '../../../../server/src/providers/local/describe.ts';
import { PROVIDER_RULES } from './providerRules.ts';

// The page mirrors the server's input rules; these pin the mirror to the server's constants.
describe('provider rules mirror the server', () => {
  it('Firefly’s minimum long side', () => {
    expect(PROVIDER_RULES.firefly.minLongSide).toBe(MIN_LONG_SIDE);
  });
  it('the local engine takes any output size (and crops it to cover)', () => {
    expect(LOCAL_INFO.anySize).toBe(true);
    expect(PROVIDER_RULES.local).toMatchObject({ fit: 'cover', refusesFullMask: true });
  });
});
