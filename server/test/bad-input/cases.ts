import { crc32, deflateSync } from 'node:zlib';

/** One bad request and what the server must answer: a 4xx, its code, and a message naming the problem. */
export interface BadCase {
  name: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | (() => Promise<Uint8Array> | Uint8Array);
  /** One status, or the ones allowed when URL normalisation decides (e.g. `..` segments). */
  status: number | number[];
  code: string | string[];
  message: RegExp;
}

export interface Ids {
  imageId: string;
  maskId: string;
  smallMaskId: string;
  emptyMaskId: string;
}

const MISSING_ID = 'ab'.repeat(32);
const JSON_TYPE = { 'content-type': 'application/json' };

function chunk(type: string, data: Uint8Array) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** A valid PNG header and a tiny IDAT claiming `width`×`height`: a decompression bomb's shape. */
export function pngHeader(width: number, height: number) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IDAT', deflateSync(Buffer.alloc(1024))),
      chunk('IEND', new Uint8Array(0)),
    ]),
  );
}

const fill = (body: Record<string, unknown>): Pick<BadCase, 'method' | 'path' | 'headers' | 'body'> => ({
  method: 'POST',
  path: '/api/fills',
  headers: JSON_TYPE,
  body: JSON.stringify(body),
});

const rawFill = (body: string, type = 'application/json') => ({
  method: 'POST',
  path: '/api/fills',
  headers: { 'content-type': type },
  body,
});

const upload = (body: BadCase['body'], type?: string) => ({
  method: 'POST',
  path: '/api/images',
  headers: (type ? { 'content-type': type } : {}) as Record<string, string>,
  body,
});

/** The table: every row is a request a client could send; none may get a 2xx or a 5xx. */
export function badCases(ids: Ids, png: Uint8Array, jpeg: Uint8Array, webp: Uint8Array): BadCase[] {
  const ok = { provider: 'local', imageId: ids.imageId, maskId: ids.maskId };
  const invalid = (name: string, body: Record<string, unknown>, message: RegExp): BadCase => ({
    name,
    ...fill(body),
    status: 400,
    code: 'invalid_request',
    message,
  });
  const malformed = (name: string, body: string): BadCase => ({
    name,
    ...rawFill(body),
    status: 400,
    code: 'invalid_request',
    message: /JSON|expected object|Invalid input/i,
  });
  const traversal = [
    '../../etc/passwd',
    '..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f%2e%2e%2fdb.sqlite',
    '....//....//etc',
    'a'.repeat(63) + '/',
    '..\\..\\windows',
    'AB'.repeat(32),
    'ab'.repeat(31),
    'ab'.repeat(33),
    '%00' + 'ab'.repeat(31),
  ];
  const long = 'x'.repeat(1025);
  return [
    // Malformed JSON and wrong top-level shapes.
    malformed('truncated object', '{"provider":'),
    malformed('lone brace', '{'),
    malformed('trailing comma', '{"provider":"local",}'),
    malformed('single quotes', "{'provider':'local'}"),
    malformed('bare word', 'local'),
    malformed('null', 'null'),
    malformed('array', '[]'),
    malformed('string', '"fill"'),
    malformed('number', '42'),
    malformed('boolean', 'true'),
    malformed('NaN literal', '{"numVariations":NaN}'),
    malformed('comment', '{/* c */"provider":"local"}'),
    {
      name: 'empty body',
      ...rawFill(''),
      status: 400,
      code: 'invalid_request',
      message: /JSON|empty|object/i,
    },
    // Missing and wrong-typed fields.
    invalid('empty object', {}, /provider/),
    invalid('missing provider', { imageId: ids.imageId, maskId: ids.maskId }, /^provider: /),
    invalid('missing imageId', { provider: 'local', maskId: ids.maskId }, /^imageId: /),
    invalid('missing maskId', { provider: 'local', imageId: ids.imageId }, /^maskId: /),
    invalid('provider a number', { ...ok, provider: 1 }, /^provider: /),
    invalid('provider null', { ...ok, provider: null }, /^provider: /),
    invalid('imageId a number', { ...ok, imageId: 5 }, /^imageId: /),
    invalid('maskId null', { ...ok, maskId: null }, /^maskId: /),
    invalid('maskId an object', { ...ok, maskId: { id: ids.maskId } }, /^maskId: /),
    invalid('prompt a number', { ...ok, prompt: 5 }, /^prompt: /),
    invalid('prompt an array', { ...ok, prompt: ['a'] }, /^prompt: /),
    invalid('negativePrompt an object', { ...ok, negativePrompt: {} }, /^negativePrompt: /),
    invalid('numVariations a string', { ...ok, numVariations: '2' }, /^numVariations: /),
    invalid('numVariations fractional', { ...ok, numVariations: 1.5 }, /^numVariations: /),
    invalid('numVariations 0', { ...ok, numVariations: 0 }, /^numVariations: /),
    invalid('numVariations 5', { ...ok, numVariations: 5 }, /^numVariations: /),
    invalid('numVariations negative', { ...ok, numVariations: -1 }, /^numVariations: /),
    invalid('numVariations huge', { ...ok, numVariations: 1e9 }, /^numVariations: /),
    invalid('seeds a string', { ...ok, seeds: 'x' }, /^seeds: /),
    invalid('seeds empty', { ...ok, seeds: [] }, /^seeds: /),
    invalid('five seeds', { ...ok, seeds: [1, 2, 3, 4, 5] }, /^seeds: /),
    invalid('seed fractional', { ...ok, seeds: [1.5] }, /^seeds\.0: /),
    invalid('seed negative', { ...ok, seeds: [-1] }, /^seeds\.0: /),
    invalid('seed over 2^31-1', { ...ok, seeds: [2 ** 31] }, /^seeds\.0: /),
    invalid('seed a string', { ...ok, seeds: ['7'] }, /^seeds\.0: /),
    invalid('seeds duplicated', { ...ok, seeds: [3, 3] }, /seeds must be unique/),
    invalid('seeds duplicated of three', { ...ok, seeds: [1, 2, 1] }, /seeds must be unique/),
    invalid(
      'seeds fewer than variations',
      { ...ok, seeds: [1, 2], numVariations: 3 },
      /one seed per variation/,
    ),
    invalid(
      'seeds more than variations',
      { ...ok, seeds: [1, 2, 3], numVariations: 1 },
      /one seed per variation/,
    ),
    invalid('size a string', { ...ok, size: '1024x1024' }, /^size: /),
    invalid('size width a string', { ...ok, size: { width: '64', height: 64 } }, /^size\.width: /),
    invalid('size width 0', { ...ok, size: { width: 0, height: 64 } }, /^size\.width: /),
    invalid('size height over 8192', { ...ok, size: { width: 64, height: 9000 } }, /^size\.height: /),
    invalid('size missing height', { ...ok, size: { width: 64 } }, /^size\.height: /),
    invalid('size fractional', { ...ok, size: { width: 64.5, height: 64 } }, /^size\.width: /),
    invalid('locale free text', { ...ok, locale: 'english' }, /^locale: must look like en-US/),
    invalid('locale a number', { ...ok, locale: 5 }, /^locale: /),
    invalid('locale lowercase region', { ...ok, locale: 'en-us' }, /^locale: must look like en-US/),
    invalid('options a string', { ...ok, options: 'fast' }, /^options: /),
    invalid('options an array', { ...ok, options: [1] }, /^options: /),
    invalid('unknown local option', { ...ok, options: { steps: 4 } }, /options\.steps/),
    invalid('bad local method', { ...ok, options: { method: 'magic' } }, /options\.method/),
    // Unknown fields.
    invalid('unknown field', { ...ok, extra: 1 }, /extra/),
    invalid('unknown field model', { ...ok, model: 'sdxl' }, /model/),
    invalid('unknown field callback url', { ...ok, webhookUrl: 'http://169.254.169.254/' }, /webhookUrl/),
    // Prompts: length and control characters.
    invalid('prompt of 1025 chars', { ...ok, prompt: long }, /^prompt: must be at most 1024 characters/),
    invalid(
      'negativePrompt of 1025 chars',
      { ...ok, negativePrompt: long },
      /^negativePrompt: must be at most 1024/,
    ),
    invalid(
      'prompt of 100 000 chars',
      { ...ok, prompt: 'y'.repeat(60_000) },
      /^prompt: must be at most 1024/,
    ),
    invalid('prompt with NUL', { ...ok, prompt: 'a\u0000b' }, /^prompt: must not contain control characters/),
    invalid('prompt with BEL', { ...ok, prompt: 'a\u0007b' }, /^prompt: must not contain control characters/),
    invalid('prompt with ESC sequence', { ...ok, prompt: '\u001b[31mred' }, /control characters/),
    invalid('prompt with DEL', { ...ok, prompt: 'a\u007fb' }, /control characters/),
    invalid('prompt with vertical tab', { ...ok, prompt: 'a\u000bb' }, /control characters/),
    invalid('prompt with carriage return', { ...ok, prompt: 'a\rb' }, /control characters/),
    invalid('negativePrompt with NUL', { ...ok, negativePrompt: '\u0000' }, /^negativePrompt: .*control/),
    // Providers.
    invalid('unknown provider', { ...ok, provider: 'midjourney' }, /^provider: /),
    invalid('provider in capitals', { ...ok, provider: 'LOCAL' }, /^provider: /),
    invalid('provider empty', { ...ok, provider: '' }, /^provider: /),
    invalid('provider with path', { ...ok, provider: '../local' }, /^provider: /),
    invalid(
      'Firefly size not offered',
      { ...ok, provider: 'firefly', size: { width: 1000, height: 1000 } },
      /^size: Adobe Firefly supports /,
    ),
    invalid(
      'Firefly size 1×1',
      { ...ok, provider: 'firefly', size: { width: 1, height: 1 } },
      /^size: Adobe Firefly supports /,
    ),
    invalid(
      'Firefly size swapped',
      { ...ok, provider: 'firefly', size: { width: 1, height: 2048 } },
      /^size: Adobe Firefly supports /,
    ),
    // Image ids: unknown, and shaped like paths.
    {
      name: 'unknown imageId',
      ...fill({ ...ok, imageId: MISSING_ID }),
      status: 404,
      code: 'not_found',
      message: /imageId: no image with id .*upload it first/,
    },
    {
      name: 'unknown maskId',
      ...fill({ ...ok, maskId: MISSING_ID }),
      status: 404,
      code: 'not_found',
      message: /maskId: no image with id .*upload it first/,
    },
    ...traversal.map((id) => invalid(`imageId ${JSON.stringify(id)}`, { ...ok, imageId: id }, /^imageId: /)),
    ...traversal
      .slice(0, 4)
      .map((id) => invalid(`maskId ${JSON.stringify(id)}`, { ...ok, maskId: id }, /^maskId: /)),
    // Masks.
    {
      name: 'mask of the wrong size',
      ...fill({ ...ok, maskId: ids.smallMaskId }),
      status: 422,
      code: 'invalid_mask',
      message: /mask/i,
    },
    {
      name: 'an all-black mask (nothing to fill)',
      ...fill({ ...ok, maskId: ids.emptyMaskId }),
      status: 422,
      code: 'invalid_mask',
      message: /The mask is empty: paint the area to fill/,
    },
    // Content types and sizes on fills.
    {
      name: 'fill as text/plain',
      ...rawFill(JSON.stringify(ok), 'text/plain'),
      status: 415,
      code: 'unsupported_media_type',
      message: /application\/json/,
    },
    {
      name: 'fill as a form post',
      ...rawFill('provider=local', 'application/x-www-form-urlencoded'),
      status: 415,
      code: 'unsupported_media_type',
      message: /application\/json/,
    },
    {
      name: 'fill as multipart',
      ...rawFill('--x\r\n\r\n--x--', 'multipart/form-data; boundary=x'),
      status: 415,
      code: 'unsupported_media_type',
      message: /application\/json/,
    },
    {
      name: 'fill without a content type',
      method: 'POST',
      path: '/api/fills',
      body: JSON.stringify(ok),
      status: 415,
      code: 'unsupported_media_type',
      message: /application\/json/,
    },
    {
      name: 'fill body over 64 KB',
      ...fill({ ...ok, options: { pad: 'z'.repeat(70_000) } }),
      status: 413,
      code: 'payload_too_large',
      message: /larger than 64 KB/,
    },
    // Uploads.
    {
      name: 'upload with an empty body',
      ...upload(new Uint8Array(0), 'image/png'),
      status: 422,
      code: 'invalid_image',
      message: /empty/,
    },
    {
      name: 'upload as image/gif',
      ...upload(png, 'image/gif'),
      status: 415,
      code: 'unsupported_media_type',
      message: /image\/gif is not accepted/,
    },
    {
      name: 'upload as image/svg+xml',
      ...upload('<svg/>', 'image/svg+xml'),
      status: 415,
      code: 'unsupported_media_type',
      message: /not accepted/,
    },
    {
      name: 'upload as text/plain',
      ...upload(png, 'text/plain'),
      status: 415,
      code: 'unsupported_media_type',
      message: /not accepted/,
    },
    {
      name: 'upload as a form post',
      ...upload('a=b', 'application/x-www-form-urlencoded'),
      status: 415,
      code: 'unsupported_media_type',
      message: /not accepted/,
    },
    {
      name: 'upload as multipart',
      ...upload(png, 'multipart/form-data; boundary=x'),
      status: 415,
      code: 'unsupported_media_type',
      message: /not accepted/,
    },
    {
      name: 'upload as octet-stream',
      ...upload(png, 'application/octet-stream'),
      status: 415,
      code: 'unsupported_media_type',
      message: /not accepted/,
    },
    {
      name: 'upload without a content type',
      ...upload(png),
      status: 415,
      code: 'unsupported_media_type',
      message: /Content-Type/,
    },
    {
      name: 'JPEG bytes labelled PNG',
      ...upload(jpeg, 'image/png'),
      status: 415,
      code: 'unsupported_media_type',
      message: /is a JPEG image but Content-Type says image\/png/,
    },
    {
      name: 'PNG bytes labelled JPEG',
      ...upload(png, 'image/jpeg'),
      status: 415,
      code: 'unsupported_media_type',
      message: /is a PNG image but Content-Type says image\/jpeg/,
    },
    {
      name: 'WebP bytes labelled PNG',
      ...upload(webp, 'image/png'),
      status: 415,
      code: 'unsupported_media_type',
      message: /is a WebP image but Content-Type says image\/png/,
    },
    {
      name: 'SVG labelled PNG',
      ...upload('<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/png'),
      status: 422,
      code: 'invalid_image',
      message: /not a PNG, JPEG or WebP/,
    },
    {
      name: 'HTML labelled JPEG',
      ...upload('<html><script>x</script></html>', 'image/jpeg'),
      status: 422,
      code: 'invalid_image',
      message: /not a PNG, JPEG or WebP/,
    },
    {
      name: 'PNG signature only',
      ...upload(png.slice(0, 8), 'image/png'),
      status: 422,
      code: 'invalid_image',
      message: /PNG/,
    },
    {
      name: 'truncated PNG',
      ...upload(png.slice(0, Math.floor(png.length / 2)), 'image/png'),
      status: 422,
      code: 'invalid_image',
      message: /PNG/,
    },
    {
      name: 'truncated JPEG',
      ...upload(jpeg.slice(0, Math.floor(jpeg.length / 2)), 'image/jpeg'),
      status: 422,
      code: 'invalid_image',
      message: /JPEG/,
    },
    {
      name: 'random bytes',
      ...upload(
        new Uint8Array(4096).map((_, i) => (i * 131 + 7) % 251),
        'image/png',
      ),
      status: 422,
      code: 'invalid_image',
      message: /not a PNG, JPEG or WebP/,
    },
    {
      name: '1×1 PNG',
      ...upload(() => tinyPng(1, 1), 'image/png'),
      status: 422,
      code: 'invalid_image',
      message: /1×1; each side must be at least 16 px/,
    },
    {
      name: '15×400 PNG',
      ...upload(() => tinyPng(15, 400), 'image/png'),
      status: 422,
      code: 'invalid_image',
      message: /at least 16 px/,
    },
    {
      name: '50 000 × 50 000 PNG header (bomb)',
      ...upload(pngHeader(50_000, 50_000), 'image/png'),
      status: 422,
      code: 'invalid_image',
      message: /50000×50000|pixels/,
    },
    {
      name: '20 000 × 20 000 PNG header',
      ...upload(pngHeader(20_000, 20_000), 'image/png'),
      status: 422,
      code: 'invalid_image',
      message: /20000×20000|pixels/,
    },
    {
      name: '1 × 1 000 000 PNG header',
      ...upload(pngHeader(1, 1_000_000), 'image/png'),
      status: 422,
      code: 'invalid_image',
      message: /./,
    },
    {
      name: 'body over the limit (declared)',
      ...upload(new Uint8Array(60_000), 'image/png'),
      status: 413,
      code: 'payload_too_large',
      message: /larger than the .* MB upload limit/,
    },
    // Image reads.
    ...traversal.map((id): BadCase => ({
      name: `GET image ${JSON.stringify(id)}`,
      path: `/api/images/${id}`,
      status: [400, 404],
      code: ['invalid_request', 'not_found'],
      message: /must be a 64-character hex image id|There is no GET|No image/,
    })),
    {
      name: 'GET unknown image',
      path: `/api/images/${MISSING_ID}`,
      status: 404,
      code: 'not_found',
      message: /No image with id/,
    },
    // Jobs.
    {
      name: 'GET unknown job',
      path: '/api/jobs/nope',
      status: 404,
      code: 'not_found',
      message: /No job with id nope/,
    },
    {
      name: 'GET job id with dots',
      path: '/api/jobs/..%2F..%2Fdb',
      status: 400,
      code: 'invalid_request',
      message: /must be a job id/,
    },
    {
      name: 'GET job id with spaces',
      path: '/api/jobs/a%20b',
      status: 400,
      code: 'invalid_request',
      message: /must be a job id/,
    },
    {
      name: 'GET job id too long',
      path: `/api/jobs/${'j'.repeat(65)}`,
      status: 400,
      code: 'invalid_request',
      message: /must be a job id/,
    },
    {
      name: 'events of an unknown job',
      path: '/api/jobs/nope/events',
      status: 404,
      code: 'not_found',
      message: /No job/,
    },
    {
      name: 'cancel an unknown job',
      method: 'POST',
      path: '/api/jobs/nope/cancel',
      status: 404,
      code: 'not_found',
      message: /No job/,
    },
    {
      name: 'delete an unknown job',
      method: 'DELETE',
      path: '/api/jobs/nope',
      status: 404,
      code: 'not_found',
      message: /No job/,
    },
    {
      name: 'list limit 0',
      path: '/api/jobs?limit=0',
      status: 400,
      code: 'invalid_request',
      message: /^limit: /,
    },
    {
      name: 'list limit a word',
      path: '/api/jobs?limit=all',
      status: 400,
      code: 'invalid_request',
      message: /^limit: /,
    },
    {
      name: 'list limit huge',
      path: '/api/jobs?limit=100000',
      status: 400,
      code: 'invalid_request',
      message: /^limit: /,
    },
    {
      name: 'list limit negative',
      path: '/api/jobs?limit=-5',
      status: 400,
      code: 'invalid_request',
      message: /^limit: /,
    },
    {
      name: 'list cursor garbage',
      path: '/api/jobs?cursor=garbage',
      status: 400,
      code: 'invalid_request',
      message: /cursor: not a cursor/,
    },
    {
      name: 'list cursor base64 JSON of the wrong shape',
      path: `/api/jobs?cursor=${Buffer.from('{"a":1}').toString('base64url')}`,
      status: 400,
      code: 'invalid_request',
      message: /cursor/,
    },
    {
      name: 'list cursor too long',
      path: `/api/jobs?cursor=${'c'.repeat(600)}`,
      status: 400,
      code: 'invalid_request',
      message: /cursor/,
    },
    // Routes that do not exist.
    {
      name: 'unknown api route',
      path: '/api/nope',
      status: 404,
      code: 'not_found',
      message: /There is no GET \/api\/nope/,
    },
    {
      name: 'PUT on fills',
      method: 'PUT',
      path: '/api/fills',
      status: 404,
      code: 'not_found',
      message: /There is no PUT/,
    },
    {
      name: 'DELETE an image',
      method: 'DELETE',
      path: `/api/images/${MISSING_ID}`,
      status: 404,
      code: 'not_found',
      message: /There is no DELETE/,
    },
    { name: 'GET fills', path: '/api/fills', status: 404, code: 'not_found', message: /There is no GET/ },
  ];
}

async function tinyPng(width: number, height: number) {
  const { default: sharp } = await import('sharp');
  return new Uint8Array(
    await sharp({ create: { width, height, channels: 3, background: '#808080' } })
      .png()
      .toBuffer(),
  );
}
