import { readFile } from 'node:fs/promises';
import { zipSync, type Zippable } from 'fflate';
import type { Job } from '../contract/index.ts';
import type { ImageSink, StoredImage } from '../providers/interface.ts';

const EXT: Record<StoredImage['contentType'], string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
};

/** What job.json says: enough to understand and re-create the job without the server. */
export function jobManifest(
  job: Job,
  files: Record<string, string | null>,
  outputFiles: { file?: string; composite?: string }[] = [],
) {
  const ms = (a?: string, b?: string) => (a && b ? Date.parse(b) - Date.parse(a) : null);
  const { request } = job;
  return {
    id: job.id,
    provider: job.provider,
    status: job.status,
    prompt: request.prompt ?? null,
    negativePrompt: request.negativePrompt ?? null,
    seeds: request.seeds ?? [],
    size: request.size ?? null,
    locale: request.locale ?? null,
    options: request.options ?? {},
    timings: {
      createdAt: job.createdAt,
      startedAt: job.startedAt ?? null,
      finishedAt: job.finishedAt ?? null,
      queuedMs: ms(job.createdAt, job.startedAt),
      runMs: ms(job.startedAt, job.finishedAt),
      totalMs: ms(job.createdAt, job.finishedAt),
    },
    files,
    outputs: job.outputs.map((o, i) => ({
      seed: o.seed,
      width: o.width,
      height: o.height,
      file: outputFiles[i]?.file ?? null,
      ...(outputFiles[i]?.composite
        ? { composite: outputFiles[i]?.composite, compositeFeatherPx: o.composite?.featherPx }
        : {}),
      ...(o.leak ? { leak: { changedFraction: o.leak.changedFraction, threshold: o.leak.threshold } } : {}),
      ...(o.nsfw ? { nsfw: true } : {}),
    })),
    ...(job.error ? { error: job.error } : {}),
    ...(job.notes?.length ? { notes: job.notes } : {}),
  };
}

/**
 * A ZIP of the job: the source, the user's mask, every output (and composite), and job.json. Images are
 * stored, not deflated: PNG/JPEG are compressed already. Missing images are left out and listed as null.
 */
export async function jobZip(images: ImageSink, job: Job): Promise<Uint8Array> {
  const entries: Zippable = {};
  const files: Record<string, string | null> = {};
  const add = async (name: string, id: string | undefined, key?: string) => {
    const image = id ? await images.get(id) : null;
    const file = image ? name.replace(/\.png$/, `.${EXT[image.contentType]}`) : undefined;
    if (image && file) entries[file] = [new Uint8Array(await readFile(image.path)), { level: 0 }];
    if (key) files[key] = file ?? null;
    return file;
  };
  await add('source.png', job.request.imageId, 'source');
  await add('mask.png', job.request.maskId, 'mask');
  const outputFiles: { file?: string; composite?: string }[] = [];
  for (const [i, o] of job.outputs.entries()) {
    const file = await add(`outputs/${i + 1}-seed-${o.seed}.png`, o.imageId);
    const composite = o.composite
      ? await add(`outputs/${i + 1}-seed-${o.seed}-composite.png`, o.composite.imageId)
      : undefined;
    outputFiles.push({ file, composite });
  }
  const manifest = jobManifest(job, files, outputFiles);
  entries['job.json'] = new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`);
  return zipSync(entries);
}
