import { webcrypto } from 'node:crypto';

/**
 * SHA-256 of `bytes` as lowercase hex (an image id). WebCrypto's digest runs as an async job on libuv's
 * threadpool: the event loop only copies the bytes (a few ms for 16 MB) instead of hashing them
 * (~30 ms), so a large provider output does not stall every other request.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes)).toString('hex');
}
