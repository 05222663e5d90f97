import { expect, test } from '../support/fixtures.ts';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, pixel, type Raster } from '../support/studio.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

/** Fetches the job's first output the way the page shows it and compares it with the source. */
async function compareResult(page: Page, mask: Raster) {
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
  return { outsideMaxDiff, insideMeanDiff: insideDiffSum / insideCount };
}

test('upload, paint, generate on the local engine: the fill changes the mask and keeps the rest', async ({
  page,
  studio,
}) => {
  await studio.open();
  await studio.upload(photo);
  await studio.setBrushSize(40);
  // A horizontal stroke through the middle of the canvas, where the fitted image sits.
  await studio.paint([0.42, 0.5], [0.58, 0.5]);

  const mask = await decode(await studio.generate(), 1);
  expect([mask.width, mask.height]).toEqual([512, 512]);
  expect(pixel(mask, 256, 256)).toEqual([255]);
  expect(pixel(mask, 10, 10)).toEqual([0]);
  expect(new Set(mask.data)).toEqual(new Set([0, 255]));
  const filled = mask.data.filter((v) => v === 255).length;
  expect(filled).toBeGreaterThan(2000);
  expect(filled).toBeLessThan(512 * 512 * 0.2);

  const card = studio.jobCard();
  await expect(card).toContainText(/succeeded/i, { timeout: 45_000 });
  await expect(card.getByRole('img').first()).toBeVisible();
  const { outsideMaxDiff, insideMeanDiff } = await compareResult(page, mask);
  expect(outsideMaxDiff).toBeLessThanOrEqual(2);
  expect(insideMeanDiff).toBeGreaterThan(5);
});

test('invert turns the painted stroke into the kept area', async ({ page, studio }) => {
  await studio.open();
  await studio.upload(photo);
  await studio.setBrushSize(40);
  await studio.paint([0.42, 0.5], [0.58, 0.5]);
  await studio.button('Invert mask').click();
  // Nearly the whole frame is a hole: the quick method keeps this test short.
  await page.getByLabel('Method').selectOption('diffusion');

  const mask = await decode(await studio.generate(), 1);
  expect(pixel(mask, 256, 256)).toEqual([0]);
  expect(pixel(mask, 10, 10)).toEqual([255]);
  expect(pixel(mask, 500, 500)).toEqual([255]);
  const kept = mask.data.filter((v) => v === 0).length;
  expect(kept).toBeGreaterThan(2000);
  expect(kept).toBeLessThan(512 * 512 * 0.2);

  await expect(studio.jobCard()).toContainText(/succeeded/i, { timeout: 45_000 });
  const { outsideMaxDiff, insideMeanDiff } = await compareResult(page, mask);
  expect(outsideMaxDiff).toBeLessThanOrEqual(2);
  expect(insideMeanDiff).toBeGreaterThan(5);
});
