import type { Locator, Page } from '@playwright/test';
import { falScript } from '../support/control.ts';
import { expect, test } from '../support/fixtures.ts';

// fal's emulator is scripted per test; put it back so later specs get ordinary fills.
test.afterEach(async () => {
  await falScript({});
});

async function presentSampleOnFal(page: Page) {
  await page.goto('/#present');
  const presenter = page.getByRole('dialog', { name: 'Presenter' });
  await expect(presenter).toBeVisible();
  await presenter.getByRole('button', { name: /Grace Hopper — remove the name tag/ }).click();
  await expect(presenter.getByRole('img', { name: 'Source' })).toBeVisible();
  // A sample starts on the local engine; the presenter then picks the remote provider.
  await presenter.getByLabel('Provider').selectOption({ label: 'FLUX.1 [pro] Fill (fal)' });
  await expect(presenter.getByRole('button', { name: 'Generate' })).toBeEnabled();
  return presenter;
}

async function expectLocalResult(presenter: Locator) {
  const result = presenter.getByTestId('presenter-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result).toHaveJSProperty('complete', true);
  expect(await result.evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight])).toEqual([
    437, 512,
  ]);
  await expect(presenter.getByRole('region', { name: 'After (local engine)' })).toBeVisible();
}

test('presenter: a failed provider shows a clear message and the local engine’s result', async ({ page }) => {
  const detail = [
    { loc: ['body', 'prompt'], msg: 'Prompt rejected by the content checker', type: 'value_error' },
  ];
  await falScript({ queuePolls: 0, progressPolls: 0, failResult: { status: 422, body: { detail } } });
  const presenter = await presentSampleOnFal(page);
  const fills = page.waitForResponse(
    (r) => r.request().method() === 'POST' && r.url().endsWith('/api/fills'),
  );
  await presenter.getByRole('button', { name: 'Generate' }).click();
  expect((await fills).status()).toBe(202);

  const message = presenter.getByTestId('presenter-fallback');
  await expect(message).toBeVisible({ timeout: 60_000 });
  await expect(message).toContainText(/FLUX\.1 \[pro\] Fill \(fal\) could not fill this: .+\./);
  await expect(message).toContainText("Showing the local engine's result.");
  await expectLocalResult(presenter);
  // Both jobs are real: fal's failed, the local one succeeded.
  const { jobs } = (await (await page.request.get('/api/jobs?limit=2')).json()) as {
    jobs: { provider: string; status: string }[];
  };
  expect(jobs.map((j) => `${j.provider}:${j.status}`).sort()).toEqual(['fal:failed', 'local:succeeded']);
});

test('presenter: a slow provider shows a message and the local result once it is slow, never a blank panel', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Held in fal's queue far longer than the presenter's 30 s patience.
  await falScript({ queuePolls: 100_000, progressPolls: 0 });
  const presenter = await presentSampleOnFal(page);
  await presenter.getByRole('button', { name: 'Generate' }).click();
  // Meanwhile the panel says what is happening.
  await expect(presenter.getByText(/Waiting in line…|Filling…/)).toBeVisible();
  const message = presenter.getByTestId('presenter-fallback');
  await expect(message).toBeVisible({ timeout: 45_000 });
  await expect(message).toContainText('FLUX.1 [pro] Fill (fal) is taking long.');
  await expectLocalResult(presenter);
});
