import { isTerminal, type JobStatus } from '@maskfill/server/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { watchJob } from '../../lib/api/jobEvents.ts';
import { writeJob } from '../queries.ts';

/** While a job is live, follows its SSE stream and writes each frame into the query cache. */
export function useJobEvents(id: string, status: JobStatus | undefined): string | null {
  const qc = useQueryClient();
  const live = status !== undefined && !isTerminal(status);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!live) return;
    return watchJob(id, {
      onJob: (job) => {
        setError(null);
        writeJob(qc, job);
      },
      onError: setError,
    });
  }, [id, live, qc]);
  return live ? error : null;
}
