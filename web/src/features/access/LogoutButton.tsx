import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

interface SessionState {
  /** The server runs with MASKFILL_ACCESS_TOKEN. */
  required: boolean;
  /** This browser holds a valid session cookie (always true when no token is required). */
  authenticated: boolean;
}

export const sessionQuery = () =>
  queryOptions({
    queryKey: ['session'] as const,
    queryFn: async (): Promise<SessionState> => {
      const res = await fetch('/api/session');
      if (!res.ok) throw new Error(`GET /api/session: HTTP ${res.status}`);
      return (await res.json()) as SessionState;
    },
    staleTime: 60_000,
  });

/**
 * Asks the server to clear the HttpOnly session cookie (page scripts cannot). Resolves to an error
 * message, or null once logged out.
 */
export async function logOut(): Promise<string | null> {
  try {
    const res = await fetch('/api/session', { method: 'DELETE' });
    return res.ok ? null : `Log out failed (HTTP ${res.status}).`;
  } catch {
    return 'Cannot reach the maskfill server to log out.';
  }
}

/**
 * Shown only when the server needs an access token and this browser is logged in. After logging out
 * every query is reset, so nothing fetched with the session stays on screen and the login gate returns.
 */
export function LogoutButton() {
  const qc = useQueryClient();
  const session = useQuery(sessionQuery());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!session.data?.required || !session.data.authenticated) return null;
  return (
    <button
      type="button"
      disabled={busy}
      title={error ?? 'End this browser’s session on the server'}
      aria-describedby={error ? 'logout-error' : undefined}
      onClick={() => {
        setBusy(true);
        void logOut().then((problem) => {
          setBusy(false);
          setError(problem);
          if (!problem) void qc.resetQueries();
        });
      }}
      className="rounded-md border border-neutral-700 px-3 py-1.5 text-xs font-medium text-neutral-200 hover:border-neutral-500 hover:bg-neutral-800 disabled:opacity-60"
    >
      {busy ? 'Logging out…' : 'Log out'}
      {error ? (
        <span id="logout-error" role="alert" className="sr-only">
          {error}
        </span>
      ) : null}
    </button>
  );
}
