import type { FillRequest, Job, JobOutput } from '@maskfill/server/contract';

/** The fill request that re-creates one output: the job's request with that output's seed only. */
export function reproduceRequest(job: Job, out: JobOutput): FillRequest {
  const { request } = job;
  return {
    provider: request.provider,
    imageId: request.imageId,
    maskId: request.maskId,
    ...(request.prompt !== undefined ? { prompt: request.prompt } : {}),
    ...(request.negativePrompt !== undefined ? { negativePrompt: request.negativePrompt } : {}),
    ...(request.size ? { size: request.size } : {}),
    ...(request.locale ? { locale: request.locale } : {}),
    ...(request.options && Object.keys(request.options).length > 0 ? { options: request.options } : {}),
    seeds: [out.seed],
  };
}

/** POSIX-shell single quoting: safe for any prompt text. */
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A `curl` of our API that submits the same fill again. */
export function reproduceCurl(origin: string, job: Job, out: JobOutput): string {
  const body = JSON.stringify(reproduceRequest(job, out));
  return `curl -X POST ${shellQuote(`${origin}/api/fills`)} -H 'Content-Type: application/json' -d ${shellQuote(body)}`;
}
