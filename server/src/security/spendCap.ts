import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Context, MiddlewareHandler } from 'hono';
import { FAL_USD_PER_MEGAPIXEL } from '../providers/fal/descriptor.ts';
import { AppError } from '../errors.ts';
import type { ImageStore } from '../storage/images.ts';
import type { SecurityConfig } from './config.ts';

interface Ledger {
  day: string;
  falUsd: number;
  fireflyCalls: number;
}

const today = (now: number) => new Date(now).toISOString().slice(0, 10);
const nextMidnight = (now: number) => {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
};

/** fal bills per megapixel of each output (= the source size), rounded up: the estimate never undershoots. */
export function falCostUsd(width: number, height: number, images: number): number {
  return Math.ceil((width * height) / 1_000_000) * FAL_USD_PER_MEGAPIXEL * images;
}

/** The day's spend, kept in a small JSON file so a restart does not reset the caps. */
export class SpendLedger {
  private ledger: Ledger;
  constructor(
    private readonly file: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.ledger = { day: today(now()), falUsd: 0, fireflyCalls: 0 };
    if (!file) return;
    try {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<Ledger>;
      if (saved.day === this.ledger.day) {
        this.ledger.falUsd = Number(saved.falUsd) || 0;
        this.ledger.fireflyCalls = Number(saved.fireflyCalls) || 0;
      }
    } catch {
      // No file yet (or unreadable): start the day at zero.
    }
  }
  current(): Ledger {
    const day = today(this.now());
    if (this.ledger.day !== day) this.ledger = { day, falUsd: 0, fireflyCalls: 0 };
    return this.ledger;
  }
  add(change: Partial<Omit<Ledger, 'day'>>): void {
    const l = this.current();
    l.falUsd += change.falUsd ?? 0;
    l.fireflyCalls += change.fireflyCalls ?? 0;
    if (!this.file) return;
    writeFileSync(`${this.file}.tmp`, JSON.stringify(l));
    renameSync(`${this.file}.tmp`, this.file);
  }
}

/** Fill bodies the route accepts are at most 64 KB (routes/fills.ts); larger ones it refuses itself. */
const PEEK_LIMIT = 64 * 1024;

type FillPeek = {
  provider?: unknown;
  providers?: unknown;
  prompts?: unknown;
  imageId?: unknown;
  numVariations?: unknown;
  seeds?: unknown;
};

/** Reads a copy of the body (the route still reads the original), giving up past PEEK_LIMIT bytes. */
async function peekJson(req: Request): Promise<FillPeek | undefined> {
  const reader = req.clone().body?.getReader();
  if (!reader) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > PEEK_LIMIT) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as FillPeek;
  } catch {
    return undefined;
  }
}

function overCap(message: string, now: number): AppError {
  const reset = nextMidnight(now);
  const seconds = Math.ceil((reset - now) / 1000);
  const at = new Date(reset).toISOString();
  return new AppError(
    'rate_limited',
    `${message} It resets at ${at.slice(11, 16)} UTC (${at}).`,
    { resetsAt: at, retryAfterSeconds: seconds },
    { 'Retry-After': String(seconds) },
  );
}

interface Usage {
  what: 'fill' | 'batch';
  fireflyCalls: number;
  falUsd: number;
}

const count = (v: unknown) => (Array.isArray(v) ? v.length : 0);

/** What a fill (or a QA batch: prompts × seeds jobs per provider, one image each) would spend. */
async function estimate(body: FillPeek, images: Pick<ImageStore, 'get'>): Promise<Usage> {
  const batch = Array.isArray(body.providers);
  const providers: unknown[] = batch ? (body.providers as unknown[]) : [body.provider];
  const jobs = batch ? count(body.prompts) * count(body.seeds) : 1;
  const imagesPerJob = batch
    ? 1
    : Array.isArray(body.seeds)
      ? body.seeds.length
      : typeof body.numVariations === 'number'
        ? body.numVariations
        : 1;
  const usage: Usage = { what: batch ? 'batch' : 'fill', fireflyCalls: 0, falUsd: 0 };
  if (providers.includes('firefly')) usage.fireflyCalls = jobs;
  if (providers.includes('fal')) {
    const image = typeof body.imageId === 'string' ? await images.get(body.imageId) : undefined;
    // Unknown image: the route answers 404 before any job exists.
    if (image) usage.falUsd = falCostUsd(image.width, image.height, imagesPerJob * jobs);
  }
  return usage;
}

/**
 * Daily caps per paid provider on POST /api/fills and POST /api/batches: checked before any job is
 * created (with what this request would add) and reserved, so concurrent submits cannot all squeeze
 * under the cap; given back unless the request was accepted (2xx). Over the cap: 429 with the reset time.
 */
export function spendCap(
  config: SecurityConfig,
  images: Pick<ImageStore, 'get'>,
  ledger: SpendLedger,
  now: () => number = Date.now,
  /** Where the request's spend is described, when not in its body (a batch re-run: the stored batch). */
  describe: (c: Context) => Promise<unknown> = (c) => peekJson(c.req.raw),
): MiddlewareHandler {
  return async (c, next) => {
    const ffCap = config.fireflyDailyMaxCalls;
    const falCap = config.falDailyBudgetUsd;
    if (falCap === undefined && ffCap === undefined) return next();
    const body = (await describe(c)) as FillPeek | undefined;
    // Not JSON, or too large: the route refuses it before any job exists.
    if (typeof body !== 'object' || body === null) return next();
    const usage = await estimate(body, images);
    const spent = ledger.current();
    if (ffCap !== undefined && usage.fireflyCalls > 0 && spent.fireflyCalls + usage.fireflyCalls > ffCap) {
      const left = Math.max(0, ffCap - spent.fireflyCalls);
      throw overCap(
        left === 0
          ? `Adobe Firefly's daily limit on this server (${ffCap} fills) is used up.`
          : `Adobe Firefly's daily limit on this server (${ffCap} fills) would be exceeded: this ${usage.what} makes ${usage.fireflyCalls}, ${left} are left today.`,
        now(),
      );
    }
    if (falCap !== undefined && usage.falUsd > 0 && spent.falUsd + usage.falUsd > falCap + 1e-9) {
      const left = Math.max(0, falCap - spent.falUsd);
      throw overCap(
        `fal's daily budget on this server ($${falCap.toFixed(2)}) would be exceeded: this ${usage.what} costs about $${usage.falUsd.toFixed(2)}, $${left.toFixed(2)} is left today.`,
        now(),
      );
    }
    const reserved = {
      fireflyCalls: ffCap === undefined ? 0 : usage.fireflyCalls,
      falUsd: falCap === undefined ? 0 : usage.falUsd,
    };
    if (reserved.fireflyCalls === 0 && reserved.falUsd === 0) return next();
    ledger.add(reserved);
    await next();
    if (c.res.status >= 300) ledger.add({ fireflyCalls: -reserved.fireflyCalls, falUsd: -reserved.falUsd });
  };
}
