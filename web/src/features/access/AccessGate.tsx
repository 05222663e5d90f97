import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../lib/api/ApiError.ts';
import { inputClass } from '../../ui/Field.tsx';
import { providersQuery } from '../queries.ts';

/** The cookie the server accepts in place of a Bearer header (EventSource and <img> cannot send headers). */
export const TOKEN_COOKIE = 'maskfill_token';

export function saveAccessToken(token: string): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; Max-Age=2592000; SameSite=Strict${secure}`;
}

/**
 * When the server runs with MASKFILL_ACCESS_TOKEN, every call answers 401 until the token is given:
 * ask for it once, keep it in a same-site cookie, and reload everything.
 */
export function AccessGate() {
  const qc = useQueryClient();
  const providers = useQuery(providersQuery());
  const [token, setToken] = useState('');
  const locked = providers.error instanceof ApiError && providers.error.status === 401;
  if (!locked) return null;
  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-neutral-950/80 backdrop-blur-sm">
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby="access-title"
        className="flex w-96 flex-col gap-4 rounded-xl border border-neutral-800 bg-neutral-900 p-6 shadow-2xl"
        onSubmit={(e) => {
          e.preventDefault();
          if (!token.trim()) return;
          saveAccessToken(token.trim());
          void qc.invalidateQueries();
        }}
      >
        <h2 id="access-title" className="text-base font-semibold text-neutral-100">
          This server needs an access token
        </h2>
        <p className="text-sm text-neutral-400">Ask whoever runs this maskfill server for it.</p>
        <input
          type="password"
          aria-label="Access token"
          autoFocus
          className={inputClass}
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        {providers.isRefetching ? <p className="text-xs text-neutral-500">Checking…</p> : null}
        <button
          type="submit"
          className="rounded-lg bg-pink-600 px-4 py-2 text-sm font-semibold text-white hover:bg-pink-500"
        >
          Unlock
        </button>
      </form>
    </div>
  );
}
