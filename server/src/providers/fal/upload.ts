import { readFile } from 'node:fs/promises';
import type { FalClient } from '@fal-ai/client';
import type { StoredImage } from '../interface.ts';
import type { Log } from '../../log.ts';

/** Our uploads ask fal to keep inputs a day; the cache forgets them well before that. */
const UPLOAD_LIFETIME = '1d';
const CACHE_TTL_MS = 20 * 60 * 60 * 1000;

export interface UploadOutcome {
  url: string;
  /** True when storage upload failed and the bytes travel inline as a data URI. */
  inline: boolean;
}

/**
 * fal storage uploads (initiate → PUT), one per image id while the cached URL is fresh; concurrent
 * submits of the same image share one upload. A failed upload falls back to a data URI (not cached, so
 * the next job tries storage again).
 */
export class FalUploads {
  private readonly cache = new Map<string, { url: string; expiresAt: number }>();
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(
    private readonly client: FalClient,
    private readonly now: () => number,
    private readonly log: Log,
  ) {}

  async urlFor(image: StoredImage): Promise<UploadOutcome> {
    const cached = this.cache.get(image.id);
    if (cached && cached.expiresAt > this.now()) return { url: cached.url, inline: false };
    const bytes = await readFile(image.path);
    try {
      return { url: await this.upload(image, bytes), inline: false };
    } catch (err) {
      const reason = err instanceof Error ? err.message : 'unknown error';
      this.log(
        `fal: storage upload of image ${image.id.slice(0, 12)} failed (${reason}); sending it inline`,
        'warn',
      );
      return { url: `data:${image.contentType};base64,${bytes.toString('base64')}`, inline: true };
    }
  }

  private upload(image: StoredImage, bytes: Buffer): Promise<string> {
    const pending = this.inFlight.get(image.id);
    if (pending) return pending;
    const ext = image.contentType.split('/')[1] ?? 'bin';
    const file = new File([new Uint8Array(bytes)], `${image.id}.${ext}`, { type: image.contentType });
    const started = this.now();
    const task = this.client.storage
      .upload(file, { lifecycle: { expiresIn: UPLOAD_LIFETIME } })
      .then((url) => {
        this.cache.set(image.id, { url, expiresAt: started + CACHE_TTL_MS });
        return url;
      })
      .finally(() => this.inFlight.delete(image.id));
    this.inFlight.set(image.id, task);
    return task;
  }
}
