import { isTerminal, type Batch } from '@maskfill/server/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { applyCell, mergeBatch, watchBatch } from './batchEvents.ts';

export const batchKey = (id: string) => ['batches', 'detail', id] as const;

export const isLive = (b: Batch) => b.cells.some((c) => c.job && !isTerminal(c.job.status));

/** While a batch has live cells, follows its SSE stream into the query cache (no polling). */
export function useBatchEvents(id: string | null, live: boolean): string | null {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!id || !live) return;
    return watchBatch(id, {
      onBatch: (b) => {
        setError(null);
        qc.setQueryData<Batch>(batchKey(id), (old) => mergeBatch(old, b));
      },
      onCell: (e) => qc.setQueryData<Batch>(batchKey(id), (old) => (old ? applyCell(old, e) : old)),
      onError: setError,
    });
  }, [id, live, qc]);
  return live ? error : null;
}
