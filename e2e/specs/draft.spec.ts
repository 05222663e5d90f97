import { expect, test } from '../support/fixtures.ts';
import { join } from 'node:path';
import { decode, pixel } from '../support/studio.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

test('a reload keeps the image, the painted mask and the prompt', async ({ page, studio }) => {
  await studio.open();
  await studio.upload(photo);
  await studio.setBrushSize(30);
  await studio.paint([0.45, 0.5], [0.55, 0.5]);
  await page.getByLabel('Prompt', { exact: true }).fill('soft grey backdrop');
  await page.getByLabel('Seed').fill('1234');
  // Drafts are written with a short debounce.
  await page.waitForTimeout(1000);

  await page.reload();
  await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue('soft grey backdrop');
  await expect(page.getByLabel('Seed')).toHaveValue('1234');
  // The mask comes back with its history: the stroke can be undone.
  await expect(studio.button('Undo')).toBeEnabled();

  const mask = await decode(await studio.generate(), 1);
  expect([mask.width, mask.height]).toEqual([512, 512]);
  expect(pixel(mask, 256, 256)).toEqual([255]);
  expect(pixel(mask, 20, 20)).toEqual([0]);
  await expect(studio.jobCard()).toContainText(/succeeded/i, { timeout: 45_000 });
});
