import { z } from 'zod';
import type { JobOutput } from '../../contract/index.ts';
import { ProviderError, type ImageSink } from '../interface.ts';

const MAX_OUTPUT_BYTES = 50 * 1024 * 1024;

/** The model's output (seed 004): one seed for the batch, one NSFW flag per image. */
export const FalFillOutput = z.object({
  images: z.array(z.object({ url: z.string(), content_type: z.string().optional() })).min(1),
  seed: z.number().int().optional(),
  has_nsfw_concepts: z.array(z.boolean()).optional(),
  timings: z.record(z.string(), z.unknown()).optional(),
  prompt: z.string().optional(),
});
export type FalFillOutput = z.infer<typeof FalFillOutput>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MAX_REDIRECTS = 3;

/** `host` or `host:port` entries, `*.domain` for subdomains; https only, except on loopback (emulators). */
export function isAllowedHost(url: URL, allowed: readonly string[]): boolean {
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  if (!secure) return false;
  return allowed.some((entry) => {
    const e = entry.trim().toLowerCase();
    if (!e) return false;
    if (e.startsWith('*.')) return url.hostname.endsWith(e.slice(1));
    return e === url.host || e === url.hostname;
  });
}

export function timingNotes(timings: Record<string, unknown> | undefined): string[] {
  if (!timings) return [];
  const parts = Object.entries(timings)
    .filter((e): e is [string, number] => typeof e[1] === 'number')
    .map(([k, v]) => `${k} ${v.toFixed(2)} s`);
  return parts.length ? [`fal timings: ${parts.join(', ')}`] : [];
}

interface DownloadDeps {
  images: ImageSink;
  fetch: typeof fetch;
  resultHosts: readonly string[];
  signal: AbortSignal;
  fallbackSeed: number;
}

/** Downloads each output into the image store. No credentials go to result hosts. */
export async function storeOutputs(output: FalFillOutput, deps: DownloadDeps): Promise<JobOutput[]> {
  const seed = output.seed ?? deps.fallbackSeed;
  const outputs: JobOutput[] = [];
  for (const [i, image] of output.images.entries()) {
    const bytes = await download(image.url, deps);
    const stored = await deps.images.put(bytes, image.content_type);
    const nsfw = output.has_nsfw_concepts?.[i] === true;
    outputs.push({
      imageId: stored.id,
      url: deps.images.urlFor(stored.id),
      seed,
      width: stored.width,
      height: stored.height,
      ...(nsfw ? { nsfw } : {}),
    });
  }
  return outputs;
}

async function download(raw: string, deps: DownloadDeps): Promise<Uint8Array> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ProviderError('upstream_error', 'fal returned an output that is not a URL.', false);
  }
  // Redirects are followed by hand so every hop is checked against the allow-list.
  for (let hop = 0; ; hop++) {
    if (!isAllowedHost(url, deps.resultHosts)) {
      throw new ProviderError(
        'upstream_error',
        `fal returned an image on ${url.host}, which is not an allowed result host (RESULT_HOSTS).`,
        false,
      );
    }
    const res = await fetchOnce(url, deps);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location && hop < MAX_REDIRECTS) {
      url = new URL(location, url);
      continue;
    }
    return readImage(res);
  }
}

async function fetchOnce(url: URL, deps: DownloadDeps): Promise<Response> {
  try {
    const signal = AbortSignal.any([deps.signal, AbortSignal.timeout(60_000)]);
    return await deps.fetch(url, { signal, redirect: 'manual' });
  } catch (err) {
    if (deps.signal.aborted) throw err;
    throw new ProviderError('upstream_error', `Could not download a fal result from ${url.host}.`, true);
  }
}

async function readImage(res: Response): Promise<Uint8Array> {
  if (!res.ok) {
    // 404/403: the file is gone (expired); 5xx/429: try again.
    const retryable = res.status >= 500 || res.status === 429;
    const gone = res.status === 403 || res.status === 404 || res.status === 410;
    throw new ProviderError(
      'upstream_error',
      gone
        ? `A fal result file is no longer available (HTTP ${res.status}: its link expired or was removed); please run the fill again.`
        : `Downloading a fal result failed with HTTP ${res.status}.`,
      retryable,
    );
  }
  const type = res.headers.get('content-type') ?? '';
  if (type && !type.startsWith('image/') && !type.startsWith('application/octet-stream')) {
    throw new ProviderError('upstream_error', `A fal result was ${type.split(';')[0]}, not an image.`, false);
  }
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_OUTPUT_BYTES) {
    throw new ProviderError('upstream_error', 'A fal result is larger than 50 MB; refusing it.', false);
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.byteLength > MAX_OUTPUT_BYTES) {
    throw new ProviderError('upstream_error', 'A fal result is larger than 50 MB; refusing it.', false);
  }
  return bytes;
}
