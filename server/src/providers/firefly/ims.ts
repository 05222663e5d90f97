import { ProviderError } from '../interface.ts';
import { TOKEN_EARLY_REFRESH_MS } from './config.ts';
import { upstreamText } from './errors.ts';
import type { Log } from '../../log.ts';

export interface ImsOptions {
  clientId: string;
  clientSecret: string;
  imsUrl: string;
  scopes: string;
  fetch: typeof fetch;
  now: () => number;
  log: Log;
  timeoutMs: number;
}

interface CachedToken {
  value: string;
  /** When we stop using it (60 s before IMS says it expires). */
  refreshAt: number;
}

/** How long a credentials rejection is remembered, so describe() and submits don't hammer IMS. */
const REJECTION_TTL_MS = 5 * 60_000;
/** How long an unreachable IMS is remembered for describe(). */
const UNREACHABLE_TTL_MS = 30_000;

/**
 * IMS client-credentials tokens (OAuth server-to-server: no refresh token, just ask again). One request
 * in flight however many jobs need a token; cached until shortly before `expires_in`.
 */
export class ImsTokenSource {
  private token: CachedToken | null = null;
  private inflight: Promise<string> | null = null;
  private failure: { error: ProviderError; until: number } | null = null;
  /** Every token ever issued to us, so messages can be scrubbed of them. */
  private readonly issued = new Set<string>();

  constructor(private readonly opts: ImsOptions) {}

  /** A valid token, from cache when possible. Throws ProviderError (never containing the secret). */
  async get(): Promise<string> {
    const now = this.opts.now();
    if (this.token && now < this.token.refreshAt) return this.token.value;
    // A rejection of the credentials is final for a while; a transient failure is retried at once.
    if (this.failure && !this.failure.error.retryable && now < this.failure.until) throw this.failure.error;
    this.inflight ??= this.request().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  /** Drops `token` after a 401, unless a newer one already replaced it. */
  invalidate(token: string): void {
    if (this.token?.value === token) this.token = null;
  }

  /** The last failure while it is remembered (for describe()). */
  recentFailure(): ProviderError | null {
    return this.failure && this.opts.now() < this.failure.until ? this.failure.error : null;
  }

  hasValidToken(): boolean {
    return this.token !== null && this.opts.now() < this.token.refreshAt;
  }

  /** Removes the secret and any token from text that may be shown or logged. */
  scrub(text: string): string {
    let out = text.split(this.opts.clientSecret).join('[redacted]');
    for (const t of this.issued) out = out.split(t).join('[redacted]');
    return out;
  }

  private async request(): Promise<string> {
    const { clientId, clientSecret, scopes, imsUrl } = this.opts;
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: scopes,
    });
    let res: Response;
    try {
      res = await this.opts.fetch(imsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
    } catch {
      throw this.remember(
        new ProviderError(
          'provider_unavailable',
          'Could not reach Adobe IMS to sign in to Firefly. Will retry.',
          true,
        ),
        UNREACHABLE_TTL_MS,
      );
    }
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (!res.ok) {
      const code = typeof body.error === 'string' ? body.error : '';
      if (res.status >= 500 || res.status === 429) {
        throw this.remember(
          new ProviderError(
            'provider_unavailable',
            `Adobe IMS is unavailable (HTTP ${res.status}). Will retry.`,
            true,
          ),
          UNREACHABLE_TTL_MS,
        );
      }
      const detail = upstreamText(body.error_description);
      const why = [code, detail && this.scrub(detail)].filter(Boolean).join(': ');
      this.opts.log(
        `firefly: IMS rejected the credentials (HTTP ${res.status}${code ? ` ${code}` : ''})`,
        'error',
      );
      throw this.remember(
        new ProviderError(
          'provider_unavailable',
          `Adobe IMS rejected the Firefly credentials${why ? ` (${why})` : ''}. Check FIREFLY_SERVICES_CLIENT_ID, FIREFLY_SERVICES_CLIENT_SECRET and FIREFLY_SCOPES.`,
          false,
        ),
        REJECTION_TTL_MS,
      );
    }
    const value = body.access_token;
    const expiresIn = Number(body.expires_in);
    if (typeof value !== 'string' || value === '' || !Number.isFinite(expiresIn)) {
      throw this.remember(
        new ProviderError('provider_unavailable', 'Adobe IMS answered without a usable access token.', true),
        UNREACHABLE_TTL_MS,
      );
    }
    const lifeMs = expiresIn * 1000;
    // Very short-lived tokens (tests, odd IMS answers) are still used for half their life.
    const early = Math.min(TOKEN_EARLY_REFRESH_MS, lifeMs / 2);
    this.issued.add(value);
    this.token = { value, refreshAt: this.opts.now() + lifeMs - early };
    this.failure = null;
    this.opts.log(`firefly: new IMS token, valid ${Math.round(expiresIn)} s`);
    return value;
  }

  private remember(error: ProviderError, ttl: number): ProviderError {
    this.failure = { error, until: this.opts.now() + ttl };
    return error;
  }
}
