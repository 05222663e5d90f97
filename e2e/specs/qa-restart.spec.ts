import { restartServer } from '../support/control.ts';
import { expect, test } from '../support/fixtures.ts';
import { openQaWithMask, runBatch } from '../support/qa.ts';

test('a batch, its marks and its results survive a server restart', async ({ page, studio }) => {
  await openQaWithMask(studio);
  const batch = await runBatch(studio, ['a brick wall'], '5, 6');
  const cells = page.getByTestId('qa-cell');
  await expect(page.locator('[data-testid="qa-cell"][data-status="succeeded"]')).toHaveCount(2, {
    timeout: 60_000,
  });
  const saved = () =>
    page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/mark'));
  let put = saved();
  await cells.nth(0).getByRole('button', { name: 'Pass' }).click();
  await put;
  put = saved();
  await cells.nth(0).getByLabel('Note for c0').fill('keeps the horizon');
  await cells.nth(0).getByLabel('Note for c0').press('Enter');
  await put;
  put = saved();
  await cells.nth(1).getByRole('button', { name: 'Fail' }).click();
  await put;
  const before = await cells
    .locator('img')
    .evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).src));

  // SIGTERM and a fresh process on the same DATA_DIR and port: nothing is held in memory across it.
  const ms = await restartServer();
  test.info().annotations.push({ type: 'restart', description: `${ms} ms to healthy` });
  await page.reload();

  await expect(cells).toHaveCount(2);
  expect(page.url()).toContain(`#qa=${batch.id}`);
  await expect(cells.nth(0)).toHaveAttribute('data-mark', 'pass');
  await expect(cells.nth(0).getByLabel('Note for c0')).toHaveValue('keeps the horizon');
  await expect(cells.nth(1)).toHaveAttribute('data-mark', 'fail');
  await expect(page.getByTestId('qa-progress')).toContainText('2/2 done · 1 pass · 1 fail');
  // The same result images, served again from the image store by the new process.
  const imgs = cells.locator('img');
  expect(await imgs.evaluateAll((all) => all.map((i) => (i as HTMLImageElement).src))).toEqual(before);
  for (const img of await imgs.all()) {
    await expect(img).toHaveJSProperty('complete', true);
    expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(512);
  }
  // The jobs are still in the server-side history.
  const res = await page.request.get('/api/jobs?limit=50');
  const ids = ((await res.json()) as { jobs: { id: string }[] }).jobs.map((j) => j.id);
  for (const cell of batch.cells) expect(ids).toContain(cell.jobId);
});
