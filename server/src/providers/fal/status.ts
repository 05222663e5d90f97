import type { QueueStatus, RequestLog } from '@fal-ai/client';
import type { PollResult } from '../interface.ts';

/**
 * How fal's queue states map onto our job states:
 * - IN_QUEUE (HTTP 202) → `queued` with `queue_position`
 * - IN_PROGRESS (HTTP 202) → `running`; new model log lines become job notes
 * - COMPLETED (HTTP 200) → fetch the result: 2xx → `succeeded`, non-2xx → `failed` (or `cancelled`)
 * - anything else → treated as still running (fal may add states; polling on is the safe reading)
 */
export type StatusStep = { kind: 'pending'; result: PollResult } | { kind: 'completed'; notes: string[] };

/** Remembers which log lines were already reported, so polling with `logs=1` adds only new ones. */
export class LogCursor {
  private readonly seen = new Set<string>();
  take(logs: unknown): string[] {
    if (!Array.isArray(logs)) return [];
    const fresh: string[] = [];
    for (const entry of logs as Partial<RequestLog>[]) {
      if (!entry || typeof entry.message !== 'string' || !entry.message.trim()) continue;
      const id = `${entry.timestamp ?? ''}|${entry.message}`;
      if (this.seen.has(id)) continue;
      this.seen.add(id);
      fresh.push(`fal: ${entry.message.trim()}`);
    }
    return fresh;
  }
}

export function mapQueueStatus(status: QueueStatus, cursor: LogCursor): StatusStep {
  const raw = status as QueueStatus & { queue_position?: unknown; logs?: unknown; metrics?: unknown };
  const notes = cursor.take(raw.logs);
  switch (raw.status) {
    case 'IN_QUEUE': {
      const pos =
        typeof raw.queue_position === 'number' ? Math.max(0, Math.floor(raw.queue_position)) : undefined;
      return {
        kind: 'pending',
        result: {
          state: 'queued',
          ...(pos === undefined ? {} : { queuePosition: pos }),
          ...withNotes(notes),
        },
      };
    }
    case 'COMPLETED': {
      const metrics = raw.metrics as { inference_time?: unknown } | undefined;
      if (typeof metrics?.inference_time === 'number') {
        notes.push(`fal: inference took ${metrics.inference_time.toFixed(2)} s`);
      }
      return { kind: 'completed', notes };
    }
    default:
      return { kind: 'pending', result: { state: 'running', ...withNotes(notes) } };
  }
}

const withNotes = (notes: string[]) => (notes.length ? { notes } : {});
