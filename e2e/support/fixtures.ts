import { test as base, expect } from '@playwright/test';
import { recordFileFor, recordPage, stackScanInfo } from './recorder.ts';
import { Studio } from './studio.ts';

/**
 * The specs share one server: each test gets a fresh page and, when it ends, any job it left live is
 * cancelled so it cannot hold the local engine's workers for the next test. Every response and SSE frame
 * the page receives is recorded for the secret scan (specs/secret-scan.spec.ts).
 */
export const test = base.extend<
  { studio: Studio; recorder: { flush(): Promise<void> } },
  { recordDir: string | null }
>({
  recordDir: [
    // Playwright needs the destructuring pattern even when a fixture uses no other.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL;
      const info = baseURL ? await stackScanInfo(baseURL).catch(() => null) : null;
      await use(info?.recordDir ?? null);
    },
    { scope: 'worker' },
  ],
  recorder: [
    async ({ page, recordDir }, use, testInfo) => {
      if (!recordDir) return use({ flush: async () => undefined });
      const recording = await recordPage(
        page,
        recordFileFor(recordDir, testInfo.workerIndex, testInfo.testId),
      );
      await use(recording);
      await recording.flush();
    },
    { auto: true },
  ],
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
