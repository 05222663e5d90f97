import { join } from 'node:path';
import { expect, test } from '../support/fixtures.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

test('viewing a result with no image open opens its source in a tab, fitted, with the result over it', async ({
  page,
  studio,
}) => {
  await studio.openWithBand(photo);
  const card = await studio.generateAndWait();
  const job = (await (await page.request.get('/api/jobs?limit=1')).json()).jobs[0] as {
    request: { imageId: string };
  };

  await page.getByRole('button', { name: 'Close astronaut_512.png' }).click();
  await expect(page.getByRole('tab')).toHaveCount(0);
  await card.getByRole('button', { name: /^View Result 1/ }).click();
  await expect(page.getByRole('tab')).toHaveCount(1);
  await expect(page.getByRole('tab').first()).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Viewing Result 1' })).toBeVisible();
  // The drop zone is gone and the 512² source is fitted (100% fits in a 1440×900 window).
  await expect(page.getByRole('button', { name: 'Choose a file' })).toHaveCount(0);
  await expect(page.getByLabel('Zoom')).toHaveText('100%');
  await page.getByRole('button', { name: 'Show source' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Viewing' })).toHaveCount(0);
  // The tab is the job's own source image.
  const src = await page.getByRole('tab').first().locator('img').getAttribute('src');
  expect(src).toBe(`/api/images/${job.request.imageId}`);
  await page.screenshot({ path: test.info().outputPath('no-source.png') });
});
