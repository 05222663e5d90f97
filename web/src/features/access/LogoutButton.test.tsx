import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessGate } from './AccessGate.tsx';
import { LogoutButton } from './LogoutButton.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

/** A server with MASKFILL_ACCESS_TOKEN="s3cret", this browser logged in; DELETE /api/session ends it. */
function server(opts: { required?: boolean; deleteStatus?: number } = {}) {
  let session = true;
  const calls: { url: string; method: string }[] = [];
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ url, method });
    if (url === '/api/session') {
      if (method === 'DELETE') {
        if (opts.deleteStatus) return new Response(null, { status: opts.deleteStatus });
        session = false;
        return new Response(null, { status: 204 });
      }
      if (method === 'POST') {
        session = true;
        return new Response(null, { status: 204 });
      }
      return json(200, { required: opts.required ?? true, authenticated: session });
    }
    if (!session) return json(401, { error: { code: 'unauthorized', message: 'token please' } });
    if (url === '/api/notes') return json(200, { note: 'secret-looking data' });
    return json(200, { default: 'local', providers: [] });
  });
  return { fetch, calls };
}

/** Something that shows data fetched with the session, as the studio does. */
function Data() {
  const q = useQuery({
    queryKey: ['notes'],
    queryFn: async () => {
      const res = await fetch('/api/notes');
      if (!res.ok) throw new Error(String(res.status));
      return (await res.json()) as { note: string };
    },
  });
  return <p>{q.data?.note ?? 'no data'}</p>;
}

function renderStudioBits() {
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <AccessGate />
      <LogoutButton />
      <Data />
    </QueryClientProvider>,
  );
}

describe('LogoutButton', () => {
  it('clears the session through DELETE /api/session, drops what was loaded and brings back the login', async () => {
    const s = server();
    vi.stubGlobal('fetch', s.fetch);
    renderStudioBits();
    expect(await screen.findByText('secret-looking data')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Log out' }));
    expect(await screen.findByLabelText('Access token')).toBeTruthy();
    expect(s.calls).toContainEqual({ url: '/api/session', method: 'DELETE' });
    expect(screen.queryByText('secret-looking data')).toBeNull();
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Log out' })).toBeNull());
  });

  it('is not shown when the server needs no token', async () => {
    const s = server({ required: false });
    vi.stubGlobal('fetch', s.fetch);
    renderStudioBits();
    await screen.findByText('secret-looking data');
    await waitFor(() => expect(s.calls.some((c) => c.url === '/api/session')).toBe(true));
    expect(screen.queryByRole('button', { name: 'Log out' })).toBeNull();
  });

  it('says so when the server refuses, and keeps the session', async () => {
    const s = server({ deleteStatus: 500 });
    vi.stubGlobal('fetch', s.fetch);
    renderStudioBits();
    fireEvent.click(await screen.findByRole('button', { name: 'Log out' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Log out failed (HTTP 500).');
    expect(screen.getByText('secret-looking data')).toBeTruthy();
    expect(screen.queryByLabelText('Access token')).toBeNull();
  });
});
