import { OutputComposite } from '@maskfill/server/contract';
import { api } from '../../lib/api/client.ts';

/** The largest feather the server makes (server/src/results/enrich.ts MAX_FEATHER_PX). */
export const MAX_FEATHER_PX = 32;

/** `GET /api/jobs/:id/outputs/:index/composite?featherPx=`: the output composited with that feather. */
export function fetchComposite(jobId: string, index: number, featherPx: number): Promise<OutputComposite> {
  const path = `/api/jobs/${encodeURIComponent(jobId)}/outputs/${index}/composite?featherPx=${featherPx}`;
  return api.request(OutputComposite, path);
}

/** The job ZIP, with composites at the chosen feather when it is not the stored one. */
export const zipUrl = (jobId: string, featherPx?: number) =>
  `/api/jobs/${encodeURIComponent(jobId)}/zip${featherPx === undefined ? '' : `?featherPx=${featherPx}`}`;
