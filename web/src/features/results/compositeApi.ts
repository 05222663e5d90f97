import { ErrorBody, OutputComposite } from '@maskfill/server/contract';
import { ApiError } from '../../lib/api/ApiError.ts';

/** The largest feather the server makes (server/src/results/enrich.ts MAX_FEATHER_PX). */
export const MAX_FEATHER_PX = 32;

/** `GET /api/jobs/:id/outputs/:index/composite?featherPx=`: the output composited with that feather. */
export async function fetchComposite(
  jobId: string,
  index: number,
  featherPx: number,
): Promise<OutputComposite> {
  const path = `/api/jobs/${encodeURIComponent(jobId)}/outputs/${index}/composite?featherPx=${featherPx}`;
  let res: Response;
  try {
    res = await fetch(path);
  } catch {
    throw new ApiError(0, 'network_error', 'Cannot reach the maskfill server. Is it running?');
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const err = ErrorBody.safeParse(body);
    if (err.success) throw new ApiError(res.status, err.data.error.code, err.data.error.message);
    throw new ApiError(res.status, 'http_error', `The server answered ${res.status}.`);
  }
  const parsed = OutputComposite.safeParse(body);
  if (!parsed.success) throw new ApiError(res.status, 'bad_response', 'Unexpected composite response.');
  return parsed.data;
}

/** The job ZIP, with composites at the chosen feather when it is not the stored one. */
export const zipUrl = (jobId: string, featherPx?: number) =>
  `/api/jobs/${encodeURIComponent(jobId)}/zip${featherPx === undefined ? '' : `?featherPx=${featherPx}`}`;
