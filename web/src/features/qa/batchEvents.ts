import { Batch, BatchCellEvent } from '@maskfill/server/contract';

export interface BatchEventHandlers {
  /** The whole batch (at connect and after every reconnect). */
  onBatch(batch: Batch): void;
  /** One cell's job moved on. */
  onCell(event: BatchCellEvent): void;
  onError?(message: string): void;
}

/**
 * Follows `/api/batches/:id/events`: a snapshot, then a frame per cell transition. Closed after
 * `end` (every cell final); on a dropped connection the browser reconnects and gets a fresh snapshot.
 */
export function watchBatch(
  id: string,
  handlers: BatchEventHandlers,
  { EventSourceImpl = EventSource }: { EventSourceImpl?: typeof EventSource } = {},
): () => void {
  const source = new EventSourceImpl(`/api/batches/${encodeURIComponent(id)}/events`);
  const on = <T>(event: string, parse: (data: unknown) => T, handle: (value: T) => void) =>
    source.addEventListener(event, (ev) => {
      let value: T;
      try {
        value = parse(JSON.parse((ev as MessageEvent<string>).data));
      } catch {
        handlers.onError?.('Received a malformed batch update.');
        return;
      }
      handle(value);
    });
  on('batch', (d) => Batch.parse(d), handlers.onBatch);
  on('cell', (d) => BatchCellEvent.parse(d), handlers.onCell);
  source.addEventListener('end', () => source.close());
  source.addEventListener('error', () => {
    if (source.readyState === EventSourceImpl.CLOSED)
      handlers.onError?.('Lost the live connection to the batch.');
  });
  return () => source.close();
}

/** The cached batch with one cell's job replaced, unless the cache already has a newer revision. */
export function applyCell(batch: Batch, { cellId, job }: BatchCellEvent): Batch {
  const at = batch.cells.findIndex((c) => c.id === cellId);
  const cell = batch.cells[at];
  if (!cell || (cell.job && cell.job.revision >= job.revision)) return batch;
  const cells = [...batch.cells];
  cells[at] = { ...cell, job };
  return { ...batch, cells };
}

/**
 * A fresh copy of the batch (a snapshot, a mark's answer) over the cached one: marks and notes from the
 * fresh copy, each cell's job whichever is newer, so an answer read before a frame never rolls it back.
 */
export function mergeBatch(old: Batch | undefined, fresh: Batch): Batch {
  if (!old || old.id !== fresh.id) return fresh;
  return {
    ...fresh,
    cells: fresh.cells.map((cell, i) => {
      const cached = old.cells[i]?.id === cell.id ? old.cells[i]?.job : undefined;
      return cached && cell.job && cached.id === cell.job.id && cached.revision > cell.job.revision
        ? { ...cell, job: cached }
        : cell;
    }),
  };
}
