import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Response } from '@playwright/test';

/** What e2e/support/stack.ts tells the secret scan on its control port (GET /scan). */
export interface StackScanInfo {
  dataDir: string;
  logFile: string;
  recordDir: string;
  webDist: string;
  /** Every credential the server holds, and every token the emulators issued to it so far. */
  secrets: string[];
}

/** The stack's control port (test equipment): E2E_CONTROL_PORT, default the app port + 20000. */
export function controlUrl(baseURL: string): string {
  const port = Number(process.env.E2E_CONTROL_PORT ?? Number(new URL(baseURL).port) + 20000);
  return `http://127.0.0.1:${port}`;
}

export async function stackScanInfo(baseURL: string): Promise<StackScanInfo> {
  const res = await fetch(`${controlUrl(baseURL)}/scan`);
  if (!res.ok) throw new Error(`stack control /scan: HTTP ${res.status}`);
  return (await res.json()) as StackScanInfo;
}

/** One thing the page received: a response (status line, headers, body) or one SSE frame. */
export interface Recorded {
  kind: 'response' | 'sse';
  url: string;
  text: string;
}

/**
 * Records every response body and server-sent event frame `page` receives (SSE frames through the
 * Chrome DevTools Protocol, since a stream's body never "ends"), and appends them as JSON lines to
 * `file` when `flush` is called. The secret scan (specs/secret-scan.spec.ts) reads these files.
 */
export async function recordPage(page: Page, file: string) {
  const items: Recorded[] = [];
  const pending: Promise<void>[] = [];
  const streams = new Map<string, string>();
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Network.responseReceived', (e) => {
    if (e.response.mimeType === 'text/event-stream') streams.set(e.requestId, e.response.url);
  });
  cdp.on('Network.eventSourceMessageReceived', (e) => {
    items.push({
      kind: 'sse',
      url: streams.get(e.requestId) ?? '(event stream)',
      text: `event: ${e.eventName}\nid: ${e.eventId}\ndata: ${e.data}`,
    });
  });
  await cdp.send('Network.enable');
  const onResponse = (res: Response) => {
    pending.push(
      (async () => {
        const headers = await res.allHeaders().catch(() => res.headers());
        const head = `${res.status()} ${res.url()}\n${Object.entries(headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n')}`;
        // A stream's frames come through CDP; its body would only resolve when it closes. Image bytes are
        // the files under DATA_DIR, which the scan reads there, so only their headers are kept here.
        const type = headers['content-type'] ?? '';
        const skip = type.startsWith('text/event-stream') || type.startsWith('image/');
        const body = skip ? null : await res.body().catch(() => null);
        items.push({
          kind: 'response',
          url: res.url(),
          text: `${head}\n\n${body?.toString('latin1') ?? ''}`,
        });
      })(),
    );
  };
  page.on('response', onResponse);
  let flushed = false;
  return {
    /** Writes what was recorded; later calls do nothing. */
    async flush() {
      if (flushed) return;
      flushed = true;
      page.off('response', onResponse);
      await Promise.allSettled(pending);
      await cdp.detach().catch(() => undefined);
      if (items.length) await appendFile(file, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
    },
  };
}

export const recordFileFor = (dir: string, worker: number, testId: string) =>
  join(dir, `${worker}-${testId}.jsonl`);
