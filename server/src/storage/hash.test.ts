import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Client } from '@libsql/client';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl, openDatabase } from './db.ts';
import { sha256Hex } from './hash.ts';
import { ImageStore } from './images.ts';

const reference = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256Hex', () => {
  it('is the same hex digest as node:crypto for empty, odd-sized, offset and 16 MB inputs', async () => {
    const big = randomBytes(16 * 1024 * 1024 + 7);
    const cases = [
      new Uint8Array(0),
      randomBytes(1),
      randomBytes(65_536 + 3),
      big.subarray(5, 1_000_005),
      big,
    ];
    for (const bytes of cases) expect(await sha256Hex(bytes)).toBe(reference(bytes));
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});

describe('image ids', () => {
  let dir: string;
  let store: ImageStore;
  let db: Client;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'maskfill-hash-'));
    db = await openDatabase(databaseUrl(dir));
    store = await ImageStore.open({ dataDir: dir, db, maxUploadBytes: 1 << 30 });
  });
  afterAll(async () => {
    db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('put and ingest give the same bytes the same id: their sha-256', async () => {
    const png = await sharp(randomBytes(300 * 200 * 3), { raw: { width: 300, height: 200, channels: 3 } })
      .png()
      .toBuffer();
    const put = await store.put(png, 'image/png');
    expect(put.id).toBe(reference(png));
    const chunks = [png.subarray(0, 10), png.subarray(10, 5000), png.subarray(5000)];
    const ingested = await store.ingest(Readable.from(chunks), 'image/png');
    expect(ingested.id).toBe(put.id);
  });
});
