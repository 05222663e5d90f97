import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFalProvider } from '../../src/providers/fal/index.ts';
import { ProviderError } from '../../src/providers/interface.ts';
import { createHarness, last, pollToEnd, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const signal = () => new AbortController().signal;

describe('fal provider: the key stays in the Authorization header', () => {
  it('never appears in refs, poll results, cancel results, thrown messages or logs', async () => {
    const seen: string[] = [];
    const secretParts = [h.emu.key, ...h.emu.key.split(':')];
    // A hostile upstream that echoes the header back in every error body.
    const echo = { detail: `bad key: Key ${h.emu.key}`, error_type: 'internal_error' };
    h.emu.script({ queuePolls: 1, progressPolls: 1 });
    const ref = await h.provider.submit(h.input());
    seen.push(JSON.stringify(ref));
    for (const route of ['status', 'result'] as const) h.emu.fault({ route, status: 503, body: echo });
    h.emu.fault({ route: 'status', status: 429, body: echo });
    for (let i = 0; i < 10; i++) {
      try {
        const r = await h.provider.poll(ref, signal());
        seen.push(JSON.stringify(r));
        if (r.state === 'succeeded' || r.state === 'failed') break;
      } catch (err) {
        seen.push(String((err as Error).message));
      }
    }
    h.emu.fault({ route: 'cancel', status: 400, body: echo });
    seen.push(JSON.stringify(await h.provider.cancel(ref)));

    // A failing result that echoes the key.
    h.emu.script({
      queuePolls: 0,
      progressPolls: 0,
      failResult: { status: 422, body: { detail: echo.detail } },
    });
    seen.push(JSON.stringify(last(await pollToEnd(h.provider, await h.provider.submit(h.input())))));

    // Wrong key: 401 → provider_unavailable, naming FAL_KEY but not the key.
    const wrong = 'wrong-id:wrong-secret-value';
    const other = createFalProvider({ ...h.config, key: wrong }, h.deps);
    h.emu.fault({
      route: 'initiate',
      status: 401,
      body: { detail: `No user found for Key ${wrong}` },
      times: 2,
    });
    const err = await other.submit(h.input()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ code: 'provider_unavailable', retryable: false });
    seen.push((err as Error).message, ...h.logs);

    expect(seen.some((s) => s.includes('***'))).toBe(true);
    for (const text of seen) {
      for (const part of [...secretParts, wrong, 'wrong-secret-value']) expect(text).not.toContain(part);
    }
    // The key went only to fal's API routes, never to upload URLs or result files.
    for (const r of h.emu.requests) {
      const auth = r.headers.authorization;
      if (r.path.startsWith('/upload/') || r.path.startsWith('/files/')) expect(auth).toBeUndefined();
      else expect(auth === `Key ${h.emu.key}` || auth === `Key ${wrong}`).toBe(true);
    }
  });
});
