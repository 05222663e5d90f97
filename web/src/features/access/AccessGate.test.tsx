import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessGate } from './AccessGate.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

/** A server that wants "s3cret": providers answer 401 until a successful login. */
function server() {
  let session = false;
  const calls: { url: string; init?: RequestInit }[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    calls.push({ url, ...(init ? { init } : {}) });
    if (url === '/api/session' && init?.method === 'POST') {
      const { token } = JSON.parse(String(init.body)) as { token: string };
      if (token !== 's3cret') {
        return json(401, {
          error: { code: 'unauthorized', message: 'That access token is not right for this server.' },
        });
      }
      session = true;
      return new Response(null, { status: 204 });
    }
    return session
      ? json(200, { default: 'local', providers: [] })
      : json(401, { error: { code: 'unauthorized', message: 'token please' } });
  });
  return { fetch, calls };
}

function renderGate() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <AccessGate />
    </QueryClientProvider>,
  );
}

describe('AccessGate', () => {
  it('logs in through POST /api/session (no script-set cookie) and reloads', async () => {
    const s = server();
    vi.stubGlobal('fetch', s.fetch);
    renderGate();
    const input = await screen.findByLabelText('Access token');
    fireEvent.change(input, { target: { value: ' s3cret ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const login = s.calls.find((c) => c.url === '/api/session');
    expect(login?.init?.method).toBe('POST');
    expect(JSON.parse(String(login?.init?.body))).toEqual({ token: 's3cret' });
    expect(document.cookie).not.toContain('s3cret');
  });

  it('shows the server message for a wrong token and stays locked', async () => {
    const s = server();
    vi.stubGlobal('fetch', s.fetch);
    renderGate();
    fireEvent.change(await screen.findByLabelText('Access token'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'That access token is not right for this server.',
    );
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
