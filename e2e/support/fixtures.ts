import { test as base, expect } from '@playwright/test';
import { Studio } from './studio.ts';

/**
 * The specs share one server: each test gets a fresh page and, when it ends, any job it left live is
 * cancelled so it cannot hold the local engine's workers for the next test.
 */
export const test = base.extend<{ studio: Studio }>({
  studio: async ({ page }, use) => {
    await use(new Studio(page));
    const res = await page.request.get('/api/jobs?limit=50');
    const { jobs } = (await res.json()) as { jobs: { id: string; status: string }[] };
    for (const job of jobs) {
      if (job.status === 'queued' || job.status === 'running')
        await page.request.post(`/api/jobs/${job.id}/cancel`);
    }
  },
});
export { expect };
