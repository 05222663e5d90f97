import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client } from '@libsql/client';
import { ImageContentType, ImageId, type ImageInfo } from '../contract/index.ts';
import { AppError } from '../errors.ts';
import type { ImageSink, StoredImage } from '../providers/interface.ts';
import { checkDecodes } from './decode.ts';
import { sha256Hex } from './hash.ts';
import { EXTENSIONS, FORMAT_NAMES, SNIFF_BYTES, sniffImageType } from './sniff.ts';

export interface ImageStoreOptions {
  dataDir: string;
  db: Client;
  maxUploadBytes: number;
}

/** Content-addressed image files under DATA_DIR/images, metadata in the `images` table. */
export class ImageStore implements ImageSink {
  readonly imagesDir: string;
  readonly tmpDir: string;

  private constructor(private readonly opts: ImageStoreOptions) {
    this.imagesDir = join(opts.dataDir, 'images');
    this.tmpDir = join(opts.dataDir, 'tmp');
  }

  static async open(opts: ImageStoreOptions): Promise<ImageStore> {
    const store = new ImageStore(opts);
    await mkdir(store.imagesDir, { recursive: true });
    // Leftovers from a crash mid-upload are never referenced: start clean.
    await rm(store.tmpDir, { recursive: true, force: true });
    await mkdir(store.tmpDir, { recursive: true });
    return store;
  }

  get maxUploadBytes(): number {
    return this.opts.maxUploadBytes;
  }

  /**
   * Streams an upload to a temp file while hashing it; the size limit and the magic bytes are checked
   * as the bytes arrive, so a wrong or oversized body is refused without reading it all. Hashing each
   * socket chunk (≤ 64 KB, ~0.1 ms) as it arrives never holds the event loop for long, and needs no
   * second read of the file.
   */
  async ingest(body: Readable, declaredType: string | undefined): Promise<StoredImage> {
    const declared = parseDeclaredType(declaredType);
    const tmp = join(this.tmpDir, `${randomUUID()}.upload`);
    const hash = createHash('sha256');
    const limit = this.opts.maxUploadBytes;
    let size = 0;
    let head = Buffer.alloc(0);
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > limit) return done(tooLarge(limit));
        hash.update(chunk);
        if (head.length < SNIFF_BYTES) {
          head = Buffer.concat([head, chunk.subarray(0, SNIFF_BYTES - head.length)]);
          if (head.length >= SNIFF_BYTES) {
            const problem = typeProblem(head, declared);
            if (problem) return done(problem);
          }
        }
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(tmp));
      if (size === 0) throw new AppError('invalid_image', 'The request body is empty: send the image bytes.');
      if (head.length < SNIFF_BYTES) {
        const problem = typeProblem(head, declared);
        if (problem) throw problem;
      }
      return await this.finalize(tmp, hash.digest('hex'), size, declared);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /** Stores bytes produced on the server (provider outputs, normalised masks). */
  async put(bytes: Uint8Array, contentTypeHint?: string): Promise<StoredImage> {
    const head = bytes.subarray(0, SNIFF_BYTES);
    const sniffed = sniffImageType(head);
    const declared = ImageContentType.safeParse(contentTypeHint).data ?? sniffed;
    if (!declared) throw new AppError('invalid_image', 'The bytes are not a PNG, JPEG or WebP image.');
    const problem = typeProblem(head, declared);
    if (problem) throw problem;
    const tmp = join(this.tmpDir, `${randomUUID()}.put`);
    try {
      const [id] = await Promise.all([sha256Hex(bytes), writeFile(tmp, bytes)]);
      return await this.finalize(tmp, id, bytes.length, declared);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async get(id: string): Promise<StoredImage | null> {
    if (!ImageId.safeParse(id).success) return null;
    const rs = await this.opts.db.execute({
      sql: 'SELECT content_type, width, height, bytes FROM images WHERE id = ?',
      args: [id],
    });
    const row = rs.rows[0];
    if (!row) return null;
    const contentType = ImageContentType.parse(row.content_type);
    return {
      id,
      path: this.pathFor(id, contentType),
      width: Number(row.width),
      height: Number(row.height),
      contentType,
      bytes: Number(row.bytes),
    };
  }

  urlFor(id: string): string {
    return `/api/images/${id}`;
  }

  info(image: StoredImage): ImageInfo {
    const { id, width, height, contentType, bytes } = image;
    return { id, width, height, contentType, bytes, url: this.urlFor(id) };
  }

  private pathFor(id: string, type: ImageContentType): string {
    return join(this.imagesDir, `${id}.${EXTENSIONS[type]}`);
  }

  /** Decodes the temp file to prove it is an image, then moves it to its content address. */
  private async finalize(
    tmp: string,
    id: string,
    bytes: number,
    type: ImageContentType,
  ): Promise<StoredImage> {
    const path = this.pathFor(id, type);
    const exists = await stat(path).then(
      (s) => s.size === bytes,
      () => false,
    );
    // Same sha-256, same bytes: an image stored before was already decoded and checked.
    const known = exists ? await this.get(id) : null;
    if (known) return known;
    const { width, height } = await checkDecodes(tmp, type);
    // Atomic, and replaces any stray file of that name with the bytes just checked.
    await rename(tmp, path);
    await this.opts.db.execute({
      sql: `INSERT OR IGNORE INTO images (id, content_type, width, height, bytes, created_at)
            VALUES (?, ?, ?, ?, ?, ?)`,
      args: [id, type, width, height, bytes, new Date().toISOString()],
    });
    return { id, path, width, height, contentType: type, bytes };
  }
}

function parseDeclaredType(header: string | undefined): ImageContentType {
  const mediaType = (header ?? '').split(';')[0]!.trim().toLowerCase();
  const parsed = ImageContentType.safeParse(mediaType);
  if (!parsed.success) {
    throw new AppError(
      'unsupported_media_type',
      mediaType
        ? `Content-Type ${mediaType} is not accepted: upload a PNG, JPEG or WebP image.`
        : 'Set Content-Type to image/png, image/jpeg or image/webp and send the image bytes as the body.',
    );
  }
  return parsed.data;
}

function typeProblem(head: Uint8Array, declared: ImageContentType): AppError | null {
  const actual = sniffImageType(head);
  if (!actual) return new AppError('invalid_image', 'The file is not a PNG, JPEG or WebP image.');
  if (actual !== declared) {
    return new AppError(
      'unsupported_media_type',
      `The file is a ${FORMAT_NAMES[actual]} image but Content-Type says ${declared}.`,
    );
  }
  return null;
}

export function tooLarge(limit: number): AppError {
  const mb = Number((limit / 1024 / 1024).toPrecision(3));
  return new AppError('payload_too_large', `The image is larger than the ${mb} MB upload limit.`);
}
