import type { JobOutput } from '../../contract/index.ts';
import { ProviderError, type ImageSink } from '../interface.ts';
import { MAX_RESULT_BYTES } from './config.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True when `url` is on an allowed host: exact, or `*.suffix` for sub-domains; https except on loopback. */
export function isAllowedResultUrl(url: string, hosts: readonly string[]): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname))) return false;
  const host = u.host.toLowerCase();
  const hostname = u.hostname.toLowerCase();
  return hosts.some((h) => {
    const rule = h.toLowerCase();
    if (rule.startsWith('*.')) return hostname.endsWith(rule.slice(1));
    return rule === host || rule === hostname;
  });
}

export interface ResultRef {
  url: string;
  seed: number;
}

/**
 * Downloads every result at once into the image store (the URLs expire in an hour). Result URLs are
 * pre-signed: no credentials are sent, redirects are not followed.
 */
export async function downloadResults(
  results: ResultRef[],
  opts: {
    hosts: readonly string[];
    fetch: typeof fetch;
    images: ImageSink;
    timeoutMs: number;
    signal: AbortSignal;
  },
): Promise<JobOutput[]> {
  for (const r of results) {
    if (!isAllowedResultUrl(r.url, opts.hosts)) {
      throw new ProviderError(
        'upstream_error',
        `Adobe Firefly returned a result on a host that is not allowed (${safeHost(r.url)}). Add it to RESULT_HOSTS if it is Adobe's.`,
        false,
      );
    }
  }
  return Promise.all(results.map((r) => downloadOne(r, opts)));
}

async function downloadOne(
  r: ResultRef,
  opts: { fetch: typeof fetch; images: ImageSink; timeoutMs: number; signal: AbortSignal },
): Promise<JobOutput> {
  let res: Response;
  try {
    res = await opts.fetch(r.url, {
      redirect: 'manual',
      signal: AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)]),
    });
  } catch (e) {
    if (opts.signal.aborted) throw opts.signal.reason ?? e;
    throw new ProviderError('upstream_error', 'Could not download a Firefly result (network error).', true);
  }
  if (res.status === 403 || res.status === 404 || res.status === 410) {
    throw new ProviderError(
      'upstream_error',
      "The Firefly results expired on Adobe's side before they could be saved. Run the fill again.",
      false,
    );
  }
  if (!res.ok) {
    throw new ProviderError(
      'upstream_error',
      `Could not download a Firefly result (HTTP ${res.status}).`,
      res.status >= 500,
    );
  }
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_RESULT_BYTES) {
    throw new ProviderError(
      'upstream_error',
      'A Firefly result was larger than expected; not downloaded.',
      false,
    );
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength > MAX_RESULT_BYTES) {
    throw new ProviderError(
      'upstream_error',
      'A Firefly result was larger than expected; not downloaded.',
      false,
    );
  }
  const stored = await opts.images.put(bytes, res.headers.get('content-type') ?? undefined).catch(() => {
    throw new ProviderError(
      'upstream_error',
      'Adobe Firefly returned a result that is not a readable image.',
      false,
    );
  });
  return {
    imageId: stored.id,
    url: opts.images.urlFor(stored.id),
    seed: r.seed,
    width: stored.width,
    height: stored.height,
  };
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'an invalid URL';
  }
}
