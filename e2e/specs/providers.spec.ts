import { expect, test } from '../support/fixtures.ts';
import { join } from 'node:path';
import { decode, pixel } from '../support/studio.ts';

// The stack points Firefly and fal at their emulators (test equipment on loopback).
const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

test('Adobe Firefly: sizes limited to Firefly’s list, a 600 px scaling note, results stored and shown', async ({
  page,
  studio,
}) => {
  await studio.open();
  await studio.upload(photo);
  await page.getByLabel('Provider').selectOption({ label: 'Adobe Firefly' });
  const sizes = await page.getByLabel('Output size').locator('option').allTextContents();
  expect(sizes.join('|')).toContain('1024 × 1024');
  expect(sizes.join('|')).toContain('2688 × 1536');
  expect(sizes.some((s) => /same as source/i.test(s))).toBe(false);
  await page.getByLabel('Output size').selectOption({ label: '1024 × 1024' });
  await page.getByLabel('Variations').selectOption('2');
  await page.getByLabel('Prompt', { exact: true }).fill('a bouquet of sunflowers');
  await studio.setBrushSize(40);
  await studio.paint([0.45, 0.5], [0.55, 0.5]);

  const mask = await decode(await studio.generate(), 1);
  expect(pixel(mask, 256, 256)).toEqual([255]);
  const card = studio.jobCard();
  await expect(card).toContainText(/succeeded/i, { timeout: 45_000 });
  await expect(card).toContainText(/600/);
  await expect(card.getByRole('img')).toHaveCount(2);

  const { jobs } = await (await page.request.get('/api/jobs')).json();
  expect(jobs[0].provider).toBe('firefly');
  expect(jobs[0].outputs).toHaveLength(2);
  for (const out of jobs[0].outputs) {
    expect(out.url).toMatch(/^\/api\/images\/[a-f0-9]{64}$/);
    expect([out.width, out.height]).toEqual([1024, 1024]);
    const res = await page.request.get(out.url);
    expect(res.headers()['content-type']).toMatch(/^image\//);
  }
});

test('FLUX.1 [pro] Fill (fal): the prompt is required, results are stored and shown', async ({
  page,
  studio,
}) => {
  await studio.open();
  await studio.upload(photo);
  await page.getByLabel('Provider').selectOption({ label: 'FLUX.1 [pro] Fill (fal)' });
  // The price rule from /api/providers, for the 512×512 output, before Generate.
  await page.getByLabel('Variations').selectOption('2');
  await expect(page.getByTestId('cost-estimate')).toContainText('2 × 0.26 MP × $0.05/MP');
  await studio.setBrushSize(40);
  await studio.paint([0.45, 0.5], [0.55, 0.5]);
  await page.getByLabel('Prompt', { exact: true }).fill('');
  await expect(studio.button('Generate')).toBeDisabled();
  await page.getByLabel('Prompt', { exact: true }).fill('a red balloon');
  await studio.generate();

  const card = studio.jobCard();
  await expect(card).toContainText(/succeeded/i, { timeout: 45_000 });
  await expect(card.getByRole('img').first()).toBeVisible();
  const { jobs } = await (await page.request.get('/api/jobs')).json();
  expect(jobs[0].provider).toBe('fal');
  expect(jobs[0].request.prompt).toBe('a red balloon');
  expect(jobs[0].outputs).toHaveLength(2);
  for (const out of jobs[0].outputs) {
    expect([out.width, out.height]).toEqual([512, 512]);
    expect(out.url).toMatch(/^\/api\/images\//);
  }
});
