import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { MiddlewareHandler } from 'hono';
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

type FillPeek = { provider?: unknown; imageId?: unknown; numVariations?: unknown; seeds?: unknown };

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

/**
 * Daily caps per paid provider on POST /api/fills: checked before the job is created (with the cost
 * this request would add) and reserved; given back unless the job was accepted (202). Over the cap: 429.
 */
export function spendCap(
  config: SecurityConfig,
  images: Pick<ImageStore, 'get'>,
  ledger: SpendLedger,
  now: () => number = Date.now,
): MiddlewareHandler {
  return async (c, next) => {
    if (config.falDailyBudgetUsd === undefined && config.fireflyDailyMaxCalls === undefined) return next();
    const body = await peekJson(c.req.raw);
    // Not JSON, or too large: the route refuses it before any job exists.
    if (typeof body !== 'object' || body === null) return next();
    const spent = ledger.current();
    if (body.provider === 'firefly' && config.fireflyDailyMaxCalls !== undefined) {
      if (spent.fireflyCalls + 1 > config.fireflyDailyMaxCalls) {
        throw overCap(
          `Adobe Firefly's daily limit on this server (${config.fireflyDailyMaxCalls} fills) is used up.`,
          now(),
        );
      }
      // Reserved before the job exists so concurrent submits cannot all squeeze under the cap.
      ledger.add({ fireflyCalls: 1 });
      await next();
      if (c.res.status !== 202) ledger.add({ fireflyCalls: -1 });
      return;
    }
    if (body.provider === 'fal' && config.falDailyBudgetUsd !== undefined) {
      const image = typeof body.imageId === 'string' ? await images.get(body.imageId) : undefined;
      if (!image) return next(); // the route answers unknown images
      const count = Array.isArray(body.seeds)
        ? body.seeds.length
        : typeof body.numVariations === 'number'
          ? body.numVariations
          : 1;
      const cost = falCostUsd(image.width, image.height, count);
      if (spent.falUsd + cost > config.falDailyBudgetUsd + 1e-9) {
        const left = Math.max(0, config.falDailyBudgetUsd - spent.falUsd);
        throw overCap(
          `fal's daily budget on this server ($${config.falDailyBudgetUsd.toFixed(2)}) would be exceeded: this fill costs about $${cost.toFixed(2)}, $${left.toFixed(2)} is left today.`,
          now(),
        );
      }
      ledger.add({ falUsd: cost });
      await next();
      if (c.res.status !== 202) ledger.add({ falUsd: -cost });
      return;
    }
    return next();
  };
}
