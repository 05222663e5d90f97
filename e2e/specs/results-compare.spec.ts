import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from '../support/fixtures.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

/** Mean RGB of a small screen box at the canvas centre (where the painted stroke is). */
async function centreColour(page: Page): Promise<number[]> {
  const box = (await page.getByTestId('editor-canvas').boundingBox())!;
  const png = await page.screenshot({
    clip: { x: box.x + box.width * 0.46, y: box.y + box.height * 0.49, width: box.width * 0.08, height: 8 },
  });
  const { channels } = await sharp(png).stats();
  return channels.slice(0, 3).map((c) => c.mean);
}

const distance = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

test('a result: composite by default, leak figure, before/after slider changes the pixels shown, then use as new source and fill again', async ({
  page,
  studio,
}) => {
  await studio.openWithBand(photo);
  const card = await studio.generateAndWait();
  const first = (await (await page.request.get('/api/jobs?limit=1')).json()).jobs[0];
  const out = first.outputs[0];
  expect(out.composite.url).toMatch(/^\/api\/images\//);
  // The local engine keeps every outside pixel: its leak is exactly 0.
  expect(out.leak.changedFraction).toBe(0);

  await card.getByRole('button', { name: /^View Result 1/ }).click();
  await expect(page.getByRole('radio', { name: 'Composite' })).toHaveAttribute('aria-checked', 'true');
  await expect(card.getByTestId('leak-figure')).toContainText('0.0 %');
  await expect(page.getByTestId('result-overlay')).toBeAttached();
  const resultColour = await centreColour(page);

  // Slider at 100: the whole frame is "before" (the source, without the mask overlay).
  await page.getByLabel('Before / after').check();
  const slider = page.getByLabel('Before/after split');
  await slider.fill('100');
  await expect.poll(async () => distance(await centreColour(page), resultColour)).toBeGreaterThan(4);
  const sourceColour = await centreColour(page);
  await slider.fill('0');
  await expect.poll(async () => distance(await centreColour(page), resultColour)).toBeLessThan(2);

  // Hold to compare shows the source while pressed.
  const hold = page.getByRole('button', { name: 'Hold to compare' });
  await hold.hover();
  await page.mouse.down();
  await expect.poll(async () => distance(await centreColour(page), sourceColour)).toBeLessThan(2);
  await page.mouse.up();
  await expect.poll(async () => distance(await centreColour(page), resultColour)).toBeLessThan(2);

  // The leak view and the raw toggle are there; the reproduce curl names our API and the seed.
  await page.getByRole('radio', { name: 'Raw' }).click();
  await expect(page.getByRole('radio', { name: 'Raw' })).toHaveAttribute('aria-checked', 'true');
  await card.getByText('Reproduce').click();
  await expect(card.locator('pre')).toContainText(`"seeds":[${out.seed}]`);
  await expect(card.locator('pre')).toContainText('/api/fills');

  await page.getByRole('radio', { name: 'Composite' }).click();
  await card.getByRole('button', { name: 'Use as new source' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Viewing' })).toHaveCount(0);
  await expect.poll(async () => distance(await centreColour(page), resultColour)).toBeLessThan(2);

  // A second fill on the result: its source is the first job's composite.
  await studio.paint([0.45, 0.3], [0.55, 0.3]);
  await studio.generate();
  await expect(studio.jobCard()).toContainText(/succeeded/i, { timeout: 45_000 });
  const second = (await (await page.request.get('/api/jobs?limit=1')).json()).jobs[0];
  expect(second.id).not.toBe(first.id);
  expect(second.request.imageId).toBe(out.composite.imageId);
});
