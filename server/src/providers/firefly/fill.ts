import type { Size } from '../../contract/index.ts';
import { ProviderError } from '../interface.ts';
import type { FireflyHttp } from './http.ts';

export interface FillCall {
  sourceUploadId: string;
  maskUploadId: string;
  prompt?: string | undefined;
  negativePrompt?: string | undefined;
  seeds: number[];
  size: Size;
  locale?: string | undefined;
}

/** The `POST /v3/images/fill-async` body (seeds/001): mask at top level, empty prompts omitted. */
export function fillBody(call: FillCall): Record<string, unknown> {
  const body: Record<string, unknown> = {
    image: { source: { uploadId: call.sourceUploadId } },
    mask: { source: { uploadId: call.maskUploadId } },
    numVariations: call.seeds.length,
    seeds: call.seeds,
    size: { width: call.size.width, height: call.size.height },
  };
  // minLength is 1: an empty prompt is left out, and Firefly fills from the image alone.
  if (call.prompt?.trim()) body.prompt = call.prompt;
  if (call.negativePrompt?.trim()) body.negativePrompt = call.negativePrompt;
  if (call.locale) body.promptBiasingLocaleCode = call.locale;
  return body;
}

/** Submits the fill; returns Firefly's job id (a URN). statusUrl/cancelUrl are not used: see status.ts. */
export async function submitFill(http: FireflyHttp, call: FillCall, signal: AbortSignal): Promise<string> {
  const res = await http.call({
    what: 'fill',
    method: 'POST',
    path: '/v3/images/fill-async',
    body: JSON.stringify(fillBody(call)),
    contentType: 'application/json',
    signal,
  });
  const jobId = (res.body as { jobId?: unknown } | null)?.jobId;
  if (typeof jobId !== 'string' || jobId === '' || jobId.length > 512) {
    throw new ProviderError(
      'upstream_error',
      'Adobe Firefly accepted the fill but returned no job id.',
      false,
    );
  }
  return jobId;
}
