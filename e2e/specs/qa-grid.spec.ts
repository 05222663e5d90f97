import { expect, test } from '../support/fixtures.ts';
import { openQaWithMask, runBatch } from '../support/qa.ts';

test('a 3-prompt × 2-seed batch on the local engine fills a 6-cell grid live; marks persist after a reload', async ({
  page,
  studio,
}) => {
  await openQaWithMask(studio);
  await page.getByLabel('Prompts (one per line)').fill('a red door\na stone wall\nivy');
  await page.getByLabel('Seeds').fill('11, 12');
  await expect(page.getByTestId('qa-plan')).toContainText('6 calls · free · about');
  // Live means pushed: count batch reads (polls) and batch event streams while the grid fills.
  const reads: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'GET' && /^\/api\/batches\/[^/]+(\/events)?$/.test(new URL(r.url()).pathname))
      reads.push(new URL(r.url()).pathname);
  });
  const batch = await runBatch(studio, ['a red door', 'a stone wall', 'ivy'], '11, 12');
  expect(batch.cells).toHaveLength(6);

  const cells = page.getByTestId('qa-cell');
  await expect(cells).toHaveCount(6);
  // Live: the grid shows cells still waiting, then every one finishes without a reload.
  await expect(page.locator('[data-testid="qa-cell"]:not([data-status="succeeded"])').first()).toBeVisible();
  await expect(page.locator('[data-testid="qa-cell"][data-status="succeeded"]')).toHaveCount(6, {
    timeout: 60_000,
  });
  await expect(page.getByTestId('qa-progress')).toContainText('6/6 done');
  expect(reads.filter((p) => p.endsWith('/events'))).toEqual([`/api/batches/${batch.id}/events`]);
  expect(reads.filter((p) => !p.endsWith('/events')).length).toBeLessThanOrEqual(1);
  for (const img of await cells.locator('img').all()) {
    await expect(img).toHaveJSProperty('complete', true);
    expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(512);
  }
  await expect(page.getByRole('grid', { name: 'QA grid' })).toContainText('a stone wall');

  // Mark two cells, one with a note, then reload: the view returns to the batch with the marks.
  const first = cells.nth(0);
  const saved = () =>
    page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/mark'));
  let put = saved();
  await first.getByRole('button', { name: 'Pass' }).click();
  await put;
  put = saved();
  await first.getByLabel('Note for c0').fill('clean edge');
  await first.getByLabel('Note for c0').press('Enter');
  await put;
  put = saved();
  await cells.nth(3).getByRole('button', { name: 'Fail' }).click();
  await put;

  expect(page.url()).toContain(`#qa=${batch.id}`);
  await page.reload();
  await expect(cells).toHaveCount(6);
  await expect(cells.nth(0)).toHaveAttribute('data-mark', 'pass');
  await expect(cells.nth(0).getByLabel('Note for c0')).toHaveValue('clean edge');
  await expect(cells.nth(3)).toHaveAttribute('data-mark', 'fail');
  await expect(cells.nth(1)).toHaveAttribute('data-mark', '');
  await expect(page.getByTestId('qa-progress')).toContainText('1 pass · 1 fail');
});

test('linked zoom: a wheel over one cell zooms every cell the same way', async ({ page, studio }) => {
  await openQaWithMask(studio);
  await runBatch(studio, ['one'], '1, 2');
  const cells = page.getByTestId('qa-cell');
  await expect(page.locator('[data-testid="qa-cell"][data-status="succeeded"]')).toHaveCount(2, {
    timeout: 60_000,
  });
  const box = await cells.nth(0).locator('img').boundingBox();
  if (!box) throw new Error('no image');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  const transforms = await cells.locator('img').evaluateAll((imgs) => imgs.map((i) => i.style.transform));
  expect(transforms[0]).toMatch(/scale\((?!1\))/);
  expect(transforms[1]).toBe(transforms[0]);
});

test('a 12-cell local batch: time from submit to the last result', async ({ page, studio }) => {
  await openQaWithMask(studio);
  const started = Date.now();
  const created = await runBatch(studio, ['a', 'b', 'c', 'd'], '1, 2, 3');
  await expect(page.locator('[data-testid="qa-cell"][data-status="succeeded"]')).toHaveCount(12, {
    timeout: 120_000,
  });
  const seconds = (Date.now() - started) / 1000;
  // Engine busy time: the sum of each job's run (start → finish), over the local engine's worker threads.
  const batch = (await (await page.request.get(`/api/batches/${created.id}`)).json()) as {
    cells: { job: { startedAt: string; finishedAt: string } }[];
  };
  const busy =
    batch.cells.reduce((t, c) => t + Date.parse(c.job.finishedAt) - Date.parse(c.job.startedAt), 0) / 1000;
  test.info().annotations.push({ type: '12-cell local batch', description: `${seconds.toFixed(1)} s` });
  console.log(
    `12-cell local batch (512 px astronaut, browser submit to last result): ${seconds.toFixed(1)} s; ` +
      `sum of job run times ${busy.toFixed(1)} s`,
  );
});
