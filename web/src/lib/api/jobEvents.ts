import { isTerminal, Job } from '@maskfill/server/contract';

export interface JobEventHandlers {
  onJob(job: Job): void;
  /** The stream failed for good (the browser gave up reconnecting). */
  onError?(message: string): void;
}

/**
 * Follows `/api/jobs/:id/events`. Each `job` frame is parsed with the contract; the browser's
 * EventSource reconnects with Last-Event-ID on its own, and we close it after a terminal frame
 * (the server ends the stream there, which would otherwise look like a dropped connection).
 */
export function watchJob(
  id: string,
  handlers: JobEventHandlers,
  {
    baseUrl = '',
    EventSourceImpl = EventSource,
  }: { baseUrl?: string; EventSourceImpl?: typeof EventSource } = {},
): () => void {
  const source = new EventSourceImpl(`${baseUrl}/api/jobs/${encodeURIComponent(id)}/events`);
  source.addEventListener('job', (ev) => {
    let job: Job;
    try {
      job = Job.parse(JSON.parse((ev as MessageEvent<string>).data));
    } catch {
      handlers.onError?.('Received a malformed job update.');
      return;
    }
    handlers.onJob(job);
    if (isTerminal(job.status)) source.close();
  });
  source.addEventListener('error', () => {
    if (source.readyState === EventSourceImpl.CLOSED)
      handlers.onError?.('Lost the live connection to the job.');
  });
  return () => source.close();
}
