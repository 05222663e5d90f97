/** Validation of a fill-async body as the Fill Image Async V3 reference describes it (seeds/001). */

export const SUPPORTED_SIZES = [
  [2048, 2048],
  [1024, 1024],
  [2304, 1792],
  [1792, 2304],
  [2688, 1536],
  [1344, 768],
  [1152, 896],
  [896, 1152],
] as const;

export interface ValidationError {
  loc: (string | number)[];
  msg: string;
  type: string;
}

export interface FillSpec {
  sourceUploadId: string;
  maskUploadId: string;
  invert: boolean;
  prompt?: string;
  negativePrompt?: string;
  seeds: number[];
  size: { width: number; height: number };
  locale?: string;
  /** The request used the deprecated `image.mask` instead of top-level `mask`. */
  deprecatedMask: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** Returns the parsed spec, or the `validation_errors` a 422 carries. */
export function validateFill(
  body: unknown,
  random: () => number,
): { ok: true; spec: FillSpec } | { ok: false; errors: ValidationError[] } {
  const errors: ValidationError[] = [];
  const fail = (loc: (string | number)[], msg: string, type: string) =>
    errors.push({ loc: ['body', ...loc], msg, type });
  if (!isObj(body))
    return {
      ok: false,
      errors: [{ loc: ['body'], msg: 'value is not a valid dict', type: 'type_error.dict' }],
    };

  const image = body.image;
  let sourceUploadId = '';
  if (!isObj(image)) fail(['image'], 'field required', 'value_error.missing');
  else sourceUploadId = binary(image.source, ['image', 'source'], fail);

  let maskUploadId = '';
  let invert = false;
  let deprecatedMask = false;
  if (isObj(body.mask)) {
    maskUploadId = binary(body.mask.source, ['mask', 'source'], fail);
    if (body.mask.invert !== undefined) {
      if (typeof body.mask.invert !== 'boolean')
        fail(['mask', 'invert'], 'value could not be parsed to a boolean', 'type_error.bool');
      else invert = body.mask.invert;
    }
  } else if (isObj(image) && isObj(image.mask)) {
    // Deprecated in the async API ("Use `mask` instead") but still accepted.
    deprecatedMask = true;
    maskUploadId = binary(image.mask, ['image', 'mask'], fail);
  } else {
    fail(['mask'], 'field required', 'value_error.missing');
  }

  const prompt = text(body.prompt, 'prompt', 1, fail);
  const negativePrompt = text(body.negativePrompt, 'negativePrompt', 0, fail);

  let numVariations: number | undefined;
  if (body.numVariations !== undefined) {
    const n = body.numVariations;
    if (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 4) {
      fail(['numVariations'], 'ensure this value is between 1 and 4', 'value_error.number');
    } else numVariations = n as number;
  }
  let seeds: number[] | undefined;
  if (body.seeds !== undefined) {
    const s = body.seeds;
    if (!Array.isArray(s) || s.length < 1 || s.length > 4 || !s.every((x) => Number.isInteger(x) && x >= 0)) {
      fail(['seeds'], 'seeds must be 1 to 4 non-negative integers', 'value_error.list');
    } else if (new Set(s).size !== s.length) {
      fail(['seeds'], 'the list has duplicated items', 'value_error.list.unique_items');
    } else {
      seeds = s as number[];
      if (numVariations !== undefined && numVariations !== seeds.length) {
        fail(['seeds'], 'the number of seeds must equal numVariations', 'value_error');
      }
    }
  }

  let size = { width: 2048, height: 2048 };
  if (body.size !== undefined) {
    const sz = body.size;
    if (!isObj(sz) || !Number.isInteger(sz.width) || !Number.isInteger(sz.height)) {
      fail(['size'], 'size needs integer width and height', 'type_error.integer');
    } else if (!SUPPORTED_SIZES.some(([w, h]) => w === sz.width && h === sz.height)) {
      fail(['size'], `unsupported size ${String(sz.width)}x${String(sz.height)}`, 'value_error.const');
    } else size = { width: sz.width as number, height: sz.height as number };
  }

  let locale: string | undefined;
  if (body.promptBiasingLocaleCode !== undefined) {
    if (
      typeof body.promptBiasingLocaleCode !== 'string' ||
      !/^[a-z]{2}-[A-Z]{2}$/.test(body.promptBiasingLocaleCode)
    ) {
      fail(['promptBiasingLocaleCode'], 'must look like en-US', 'value_error.str.regex');
    } else locale = body.promptBiasingLocaleCode;
  }

  if (errors.length > 0) return { ok: false, errors };
  const count = seeds?.length ?? numVariations ?? 1;
  const finalSeeds = seeds ?? distinctSeeds(count, random);
  return {
    ok: true,
    spec: {
      sourceUploadId,
      maskUploadId,
      invert,
      ...(prompt === undefined ? {} : { prompt }),
      ...(negativePrompt === undefined ? {} : { negativePrompt }),
      seeds: finalSeeds,
      size,
      ...(locale === undefined ? {} : { locale }),
      deprecatedMask,
    },
  };
}

function binary(
  source: unknown,
  loc: string[],
  fail: (loc: (string | number)[], msg: string, type: string) => void,
): string {
  if (!isObj(source)) {
    fail(loc, 'field required', 'value_error.missing');
    return '';
  }
  const hasId = source.uploadId !== undefined;
  const hasUrl = source.url !== undefined;
  if (hasId === hasUrl) {
    fail(loc, 'give exactly one of uploadId or url', 'value_error');
    return '';
  }
  if (hasUrl) {
    // The emulator only holds uploads; a URL source cannot be fetched on loopback.
    fail([...loc, 'url'], 'the emulator accepts uploadId sources only', 'value_error');
    return '';
  }
  if (typeof source.uploadId !== 'string' || !UUID.test(source.uploadId)) {
    fail([...loc, 'uploadId'], 'value is not a valid uuid', 'type_error.uuid');
    return '';
  }
  return source.uploadId;
}

function text(
  value: unknown,
  field: string,
  min: number,
  fail: (loc: (string | number)[], msg: string, type: string) => void,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    fail([field], 'str type expected', 'type_error.str');
    return undefined;
  }
  if (value.length < min)
    fail([field], `ensure this value has at least ${min} characters`, 'value_error.any_str.min_length');
  if (value.length > 1024)
    fail([field], 'ensure this value has at most 1024 characters', 'value_error.any_str.max_length');
  return value;
}

function distinctSeeds(n: number, random: () => number): number[] {
  const out = new Set<number>();
  while (out.size < n) out.add(Math.floor(random() * 2_147_483_647));
  return [...out];
}
