import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessGate } from './AccessGate.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.cookie = 'maskfill_token=; Path=/; Max-Age=0';
});

describe('AccessGate', () => {
  it('asks for the token on 401, stores it as a cookie and retries', async () => {
    const fetch = vi.fn(async () =>
      document.cookie.includes('maskfill_token=s3cret')
        ? new Response(JSON.stringify({ default: 'local', providers: [] }), { status: 200 })
        : new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'token please' } }), {
            status: 401,
          }),
    );
    vi.stubGlobal('fetch', fetch);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <AccessGate />
      </QueryClientProvider>,
    );
    const input = await screen.findByLabelText('Access token');
    fireEvent.change(input, { target: { value: ' s3cret ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Unlock' }));
    expect(document.cookie).toContain('maskfill_token=s3cret');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
