import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, pixel, Studio } from '../support/studio.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

test('upload, paint, invert, generate on the local engine, and get a fill that keeps the unmasked pixels', async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.upload(photo);
  await studio.setBrushSize(40);
  // A horizontal stroke through the middle of the canvas, where the fitted image sits.
  await studio.paint([0.42, 0.5], [0.58, 0.5]);
  await studio.button('Invert mask').click();

  const maskPng = await studio.generate();
  const mask = await decode(maskPng, 1);
  expect([mask.width, mask.height]).toEqual([512, 512]);
  // Inverted: the stroke is kept (black), everything far from it is filled (white).
  expect(pixel(mask, 256, 256)).toEqual([0]);
  expect(pixel(mask, 10, 10)).toEqual([255]);
  expect(pixel(mask, 500, 500)).toEqual([255]);
  expect(new Set(mask.data)).toEqual(new Set([0, 255]));
  const kept = mask.data.filter((v) => v === 0).length;
  expect(kept).toBeGreaterThan(1000);
  expect(kept).toBeLessThan(512 * 512 * 0.3);

  const card = studio.jobCard();
  await expect(card).toContainText(/succeeded/i, { timeout: 45_000 });

  // The result, fetched the way the page shows it.
  const { jobs } = await (await page.request.get('/api/jobs')).json();
  const output = jobs[0].outputs[0];
  const result = await decode(Buffer.from(await (await page.request.get(output.url)).body()));
  const source = await decode(readFileSync(photo));
  expect([result.width, result.height]).toEqual([512, 512]);
  let outsideMaxDiff = 0;
  let insideDiffSum = 0;
  let insideCount = 0;
  for (let i = 0; i < 512 * 512; i++) {
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(result.data[i * 3 + c]! - source.data[i * 3 + c]!);
      if (mask.data[i] === 0) outsideMaxDiff = Math.max(outsideMaxDiff, d);
      else {
        insideDiffSum += d;
        insideCount++;
      }
    }
  }
  expect(outsideMaxDiff).toBeLessThanOrEqual(2);
  expect(insideDiffSum / insideCount).toBeGreaterThan(5);
  await expect(card.getByRole('img').first()).toBeVisible();
});
