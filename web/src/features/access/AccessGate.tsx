import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../lib/api/ApiError.ts';
import { inputClass } from '../../ui/Field.tsx';
import { providersQuery } from '../queries.ts';

/**
 * Trades the token for the server's HttpOnly, SameSite=Strict session cookie (POST /api/session):
 * page scripts never hold it afterwards. Resolves to an error message, or null when logged in.
 */
export async function logIn(token: string): Promise<string | null> {
  let res: Response;
  try {
    res = await fetch('/api/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token }),
    });
  } catch {
    return 'Cannot reach the maskfill server. Is it running?';
  }
  if (res.ok) return null;
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? `Login failed (HTTP ${res.status}).`;
}

/**
 * When the server runs with MASKFILL_ACCESS_TOKEN, every call answers 401 until the token is given:
 * ask for it once, log in (the server keeps the session in an HttpOnly cookie), and reload everything.
 */
export function AccessGate() {
  const qc = useQueryClient();
  const providers = useQuery(providersQuery());
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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
          const value = token.trim();
          if (!value || busy) return;
          setBusy(true);
          void logIn(value).then((problem) => {
            setBusy(false);
            setError(problem);
            if (!problem) {
              setToken('');
              void qc.invalidateQueries();
            }
          });
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
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'access-error' : undefined}
          onChange={(e) => setToken(e.target.value)}
        />
        {error ? (
          <p id="access-error" role="alert" className="text-sm text-red-400">
            {error}
          </p>
        ) : null}
        {busy || providers.isRefetching ? <p className="text-xs text-neutral-500">Checking…</p> : null}
        <button
          type="submit"
          disabled={busy}
          className="rounded-lg bg-pink-600 px-4 py-2 text-sm font-semibold text-white hover:bg-pink-500 disabled:opacity-60"
        >
          Unlock
        </button>
      </form>
    </div>
  );
}
