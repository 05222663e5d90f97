import type { ProviderInfo, ProviderInputs, Size } from '../../contract/index.ts';

export interface FireflyConfig {
  clientId: string;
  clientSecret: string;
  /** e.g. https://firefly-api.adobe.io (an emulator in tests). */
  apiBaseUrl: string;
  /** e.g. https://ims-na1.adobelogin.com/ims/token/v3 */
  imsUrl: string;
  /** Comma-separated IMS scopes. */
  scopes: string;
  /** Submits per minute the runner admits (Firefly's documented org limit is 4). */
  rpm: number;
  /**
   * Hosts results may be downloaded from besides the API host and Firefly's pre-signed S3 host
   * (e.g. RESULT_HOSTS). `*.example.com` matches sub-domains.
   */
  resultHosts?: string[];
  /** Per-request timeout (ms). */
  requestTimeoutMs?: number;
  /** Status poll interval, growing ×1.5 from `minMs` to `maxMs` (default 1 s → 5 s; tests go faster). */
  pollIntervalMs?: { minMs: number; maxMs: number };
  /** Jobs in flight upstream at once. */
  concurrency?: number;
}

/** The output sizes the Fill Image Async reference documents (seeds/001); anything else is refused. */
export const FIREFLY_SIZES: readonly Size[] = [
  { width: 2048, height: 2048 },
  { width: 1024, height: 1024 },
  { width: 2304, height: 1792 },
  { width: 1792, height: 2304 },
  { width: 2688, height: 1536 },
  { width: 1344, height: 768 },
  { width: 1152, height: 896 },
  { width: 896, height: 1152 },
];

/** Result URLs in Adobe's samples are pre-signed S3 URLs on this host (seeds/003). */
export const FIREFLY_DEFAULT_RESULT_HOSTS = ['pre-signed-firefly-prod.s3-accelerate.amazonaws.com'];

export const MAX_PROMPT_CHARS = 1024;
/** "The minimum accepted size for the larger side of the image is 600 px." */
export const MIN_LONG_SIDE = 600;
/** Upload API: "The maximum file size supported for uploading an image is 15MB." */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;
/** "The upload id is valid for 7 days from the date of upload"; we stop reusing one an hour early. */
export const UPLOAD_ID_TTL_MS = 7 * 24 * 3600_000 - 3600_000;
/** Refresh the IMS token this long before it expires. */
export const TOKEN_EARLY_REFRESH_MS = 60_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** Poll interval grows from 1 s to 5 s. */
export const POLL_MIN_MS = 1000;
export const POLL_MAX_MS = 5000;
/** Largest result we download (a 2688×1536 PNG is well under this). */
export const MAX_RESULT_BYTES = 60 * 1024 * 1024;

export const sizeKey = (s: Size) => `${s.width}x${s.height}`;
export const isFireflySize = (s: Size) =>
  FIREFLY_SIZES.some((f) => f.width === s.width && f.height === s.height);

/** The size closest to the source's aspect ratio, then area: what a fill without a chosen size gets. */
export function closestFireflySize(width: number, height: number): Size {
  const aspect = Math.log(width / height);
  const area = width * height;
  let best = FIREFLY_SIZES[0]!;
  let bestScore = Infinity;
  for (const s of FIREFLY_SIZES) {
    const score =
      Math.abs(Math.log(s.width / s.height) - aspect) * 10 + Math.abs(Math.log((s.width * s.height) / area));
    if (score < bestScore) [best, bestScore] = [s, score];
  }
  return best;
}

/** prepare.ts scales a small source and its mask up to MIN_LONG_SIDE; Firefly does not document its fit. */
export const FIREFLY_INPUTS: ProviderInputs = {
  minLongSide: MIN_LONG_SIDE,
  refusesFullMask: false,
  fit: 'unknown',
};

export function fireflyDescriptor(unavailableReason?: string): ProviderInfo {
  return {
    id: 'firefly',
    label: 'Adobe Firefly',
    available: unavailableReason === undefined,
    ...(unavailableReason === undefined ? {} : { unavailableReason }),
    sizes: FIREFLY_SIZES.map((s) => ({ ...s })),
    anySize: false,
    maxVariations: 4,
    promptRequired: false,
    usesPrompt: true,
    supports: { negativePrompt: true, seeds: true, locale: true, cancel: 'always' },
    options: [],
    inputs: FIREFLY_INPUTS,
  };
}
