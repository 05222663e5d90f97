/** Reads raw SSE frames from a fetch Response, one `\n\n`-terminated block at a time. */
export class SseReader {
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  private buffer = '';
  private pendingRead: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;

  constructor(res: Response) {
    if (!res.body) throw new Error('response has no body');
    this.reader = res.body.getReader();
  }

  /** The next frame without its trailing blank line; null when the stream ended; throws on timeout. */
  async next(timeoutMs = 3000): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const frame = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        return frame;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no SSE frame within ${timeoutMs} ms`);
      this.pendingRead ??= this.reader.read();
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), left).unref());
      const result = await Promise.race([this.pendingRead, timeout]);
      if (result === 'timeout') throw new Error(`no SSE frame within ${timeoutMs} ms`);
      this.pendingRead = null;
      if (result.done) return this.buffer.length > 0 ? this.buffer : null;
      this.buffer += this.decoder.decode(result.value, { stream: true });
    }
  }

  /** True when nothing arrives for `ms` (the frame, if any, stays readable). */
  async quietFor(ms: number): Promise<boolean> {
    try {
      const frame = await this.next(ms);
      if (frame !== null) this.buffer = `${frame}\n\n${this.buffer}`;
      return false;
    } catch {
      return true;
    }
  }

  cancel(): Promise<void> {
    return this.reader.cancel();
  }
}

/** The exact frame the server sends for a job. */
export const jobFrame = (job: { revision: number }) =>
  `event: job\ndata: ${JSON.stringify(job)}\nid: ${job.revision}`;
