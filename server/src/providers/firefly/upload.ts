import { UPLOAD_ID_TTL_MS } from './config.ts';
import type { FireflyHttp } from './http.ts';
import type { Uploadable } from './prepare.ts';
import { ProviderError } from '../interface.ts';

interface Entry {
  uploadId: string;
  expiresAt: number;
}

/**
 * Upload ids per image (by content key), reused while valid (7 days upstream) so a run of many prompts on
 * one image uploads it once. In memory only; concurrent jobs on the same image share one upload.
 */
export class UploadCache {
  private readonly done = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(
    private readonly http: FireflyHttp,
    private readonly now: () => number,
  ) {}

  /** Shared between jobs, so one job's cancel does not abort it (the request timeout bounds it). */
  async uploadId(image: Uploadable): Promise<string> {
    const hit = this.done.get(image.key);
    if (hit && this.now() < hit.expiresAt) return hit.uploadId;
    let pending = this.inflight.get(image.key);
    if (!pending) {
      pending = this.upload(image).finally(() => this.inflight.delete(image.key));
      this.inflight.set(image.key, pending);
    }
    return pending;
  }

  /** Forget an id the upstream no longer knows. */
  forget(key: string): void {
    this.done.delete(key);
  }

  private async upload(image: Uploadable): Promise<string> {
    const { bytes, contentType } = await image.load();
    const started = this.now();
    const res = await this.http.call({
      what: 'upload',
      method: 'POST',
      path: '/v2/storage/image',
      body: bytes as Uint8Array<ArrayBuffer>,
      contentType,
    });
    const id = (res.body as { images?: { id?: unknown }[] } | null)?.images?.[0]?.id;
    if (typeof id !== 'string' || id === '') {
      throw new ProviderError(
        'upstream_error',
        'Adobe Firefly accepted the upload but returned no upload id.',
        true,
      );
    }
    this.done.set(image.key, { uploadId: id, expiresAt: started + UPLOAD_ID_TTL_MS });
    return id;
  }
}
