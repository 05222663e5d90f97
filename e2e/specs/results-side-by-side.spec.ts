import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from '../support/fixtures.ts';
import type { Studio } from '../support/studio.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

/** Mean RGB of a small screen box around (fx, fy) of the canvas box. */
async function colourAt(page: Page, fx: number, fy: number): Promise<number[]> {
  const box = (await page.getByTestId('editor-canvas').boundingBox())!;
  const png = await page.screenshot({
    clip: { x: box.x + box.width * fx - 6, y: box.y + box.height * fy - 4, width: 12, height: 8 },
  });
  const { channels } = await sharp(png).stats();
  return channels.slice(0, 3).map((c) => c.mean);
}
const distance = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

async function fillAndWait(studio: Studio) {
  await studio.generate();
  await expect(studio.jobCard()).toContainText(/succeeded/i, { timeout: 45_000 });
  return (await (await studio.page.request.get('/api/jobs?limit=1')).json()).jobs[0] as {
    id: string;
    outputs: { composite: { url: string; featherPx: number } }[];
  };
}

test('side by side with a result of another job: both images shown, one zoom for both', async ({
  page,
  studio,
}) => {
  await studio.openWithBand(photo);
  const first = await fillAndWait(studio);
  // The second job also fills a band higher up, where the first kept the source.
  await studio.paint([0.35, 0.3], [0.65, 0.3]);
  const second = await fillAndWait(studio);
  expect(second.id).not.toBe(first.id);

  const card = studio.jobCard();
  await card.getByRole('button', { name: /^View Result 1/ }).click();
  const select = card.getByLabel('Compare side by side with');
  // Other specs share the server, so other jobs may be listed too; pick the first job's result.
  const other = select.locator(`optgroup[label="Other jobs"] option[value="${first.id}:0"]`);
  await expect(other).toHaveCount(1);
  await select.selectOption(`${first.id}:0`);

  // Left of the split: the first job's result (an <img> over the canvas); right: the second's, on the canvas.
  const before = page.getByRole('img', { name: /^Before: local/ });
  await expect(before).toHaveAttribute('src', first.outputs[0]!.composite.url);
  await expect(before).toHaveJSProperty('complete', true);
  expect(await before.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(512);
  await expect(page.getByLabel('Before / after')).toBeChecked();
  const slider = page.getByLabel('Before/after split');
  await expect(slider).toHaveValue('50');

  // Where only the second job filled, the two results differ: slider at 100 shows the first everywhere.
  await slider.fill('0');
  const secondColour = await colourAt(page, 0.42, 0.3);
  await slider.fill('100');
  await expect.poll(async () => distance(await colourAt(page, 0.42, 0.3), secondColour)).toBeGreaterThan(4);
  const firstColour = await colourAt(page, 0.42, 0.3);

  // Zoom over the canvas: the overlay follows the same viewport, so both images stay lined up.
  const widthBefore = (await before.boundingBox())!.width;
  const canvas = (await page.getByTestId('editor-canvas').boundingBox())!;
  await page.mouse.move(canvas.x + canvas.width * 0.42, canvas.y + canvas.height * 0.3);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => (await before.boundingBox())!.width).toBeGreaterThan(widthBefore * 1.3);
  // Zoomed about the pointer, so the point under it shows the same pixels as before, in each image.
  await expect.poll(async () => distance(await colourAt(page, 0.42, 0.3), firstColour)).toBeLessThan(6);
  await slider.fill('0');
  await expect.poll(async () => distance(await colourAt(page, 0.42, 0.3), secondColour)).toBeLessThan(6);
});

test('composite feather: 0 px re-made on the server, shown and downloaded as such', async ({
  page,
  studio,
}) => {
  await studio.openWithBand(photo);
  const job = await fillAndWait(studio);
  expect(job.outputs[0]!.composite.featherPx).toBe(2);
  const card = studio.jobCard();
  await card.getByRole('button', { name: /^View Result 1/ }).click();
  const made = page.waitForResponse((r) =>
    r.url().includes(`/api/jobs/${job.id}/outputs/0/composite?featherPx=0`),
  );
  await card.getByLabel('Composite feather (px)').fill('0');
  const res = await made;
  expect(res.status()).toBe(200);
  const composite = (await res.json()) as { url: string; featherPx: number };
  expect(composite.featherPx).toBe(0);
  expect(composite.url).not.toBe(job.outputs[0]!.composite.url);
  await expect(card.getByTestId('feather-value')).toHaveText('0 px');

  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'PNG' }).click();
  const file = await (await download).path();
  const served = Buffer.from(await (await page.request.get(composite.url)).body());
  expect(readFileSync(file).equals(served)).toBe(true);
  // The two composites differ only on the feathered edge, never inside or far outside the mask.
  const a = await sharp(served).raw().toBuffer();
  const b = await sharp(Buffer.from(await (await page.request.get(job.outputs[0]!.composite.url)).body()))
    .raw()
    .toBuffer();
  expect(a.length).toBe(b.length);
  expect(a.equals(b)).toBe(false);

  // The choice survives a reload: the 0 px composite is asked for again (already for the thumbnail),
  // the thumbnail, the slider and the downloads are made of it.
  const again = page.waitForResponse((r) =>
    r.url().includes(`/api/jobs/${job.id}/outputs/0/composite?featherPx=0`),
  );
  await page.reload();
  await expect(page.getByRole('button', { name: 'Generate' })).toBeVisible();
  expect((await (await again).json()) as unknown).toEqual(composite);
  await expect(card.getByRole('img', { name: /^Result 1/ })).toHaveAttribute('src', composite.url);
  await card.getByRole('button', { name: /^View Result 1/ }).click();
  await expect(card.getByTestId('feather-value')).toHaveText('0 px');
  await expect(card.getByLabel('Composite feather (px)')).toHaveValue('0');
  const png = page.waitForEvent('download');
  await card.getByRole('button', { name: 'PNG' }).click();
  expect(readFileSync(await (await png).path()).equals(served)).toBe(true);
  const zip = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Job ZIP' }).click();
  expect((await zip).url()).toMatch(new RegExp(`/api/jobs/${job.id}/zip\\?featherPx=0$`));
});
