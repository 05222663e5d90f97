import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

/** The preview canvas's pixels as fill (1) / keep (0), read from the page. */
async function previewMask(page: Page): Promise<{ width: number; height: number; fill: number[] }> {
  return page.getByTestId('preflight-mask').evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const fill: number[] = [];
    for (let i = 0; i < data.length; i += 4) fill.push(data[i]! >= 128 ? 1 : 0);
    return { width: canvas.width, height: canvas.height, fill };
  });
}

test('preflight shows the mask as sent, the send size, the output frame and the warnings', async ({
  page,
  studio,
}) => {
  await studio.open();
  await studio.upload(photo);
  const warnings = page.getByRole('list', { name: 'Preflight warnings' });
  await expect(warnings.locator('[data-code="mask-empty"]')).toBeVisible();

  await studio.setBrushSize(40);
  await studio.paint([0.35, 0.5], [0.65, 0.5]);
  await expect(warnings).toHaveCount(0);
  const exported = await studio.exportMask();

  // The preview holds the exported mask pixel for pixel: local sends at the source size.
  await studio.button('Preflight').click();
  const dialog = page.getByRole('dialog', { name: 'Preflight' });
  await expect(dialog.getByTestId('preflight-send-size')).toHaveText('512 × 512 px');
  await expect(dialog.getByText('Mask as sent', { exact: true })).toBeVisible();
  const preview = await previewMask(page);
  expect([preview.width, preview.height]).toEqual([512, 512]);
  const sent = [...exported.raster.data].map((v) => (v >= 128 ? 1 : 0));
  expect(preview.fill).toEqual(sent);
  // …and it is the painted band: filled across the middle row, nothing at the top.
  const row = (y: number) => preview.fill.slice(y * 512, (y + 1) * 512);
  expect(row(256).filter(Boolean).length).toBeGreaterThan(100);
  expect(row(20).some(Boolean)).toBe(false);
  await expect(dialog.getByText(/No warnings/)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('preflight-local.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // A 3:2 output over the square image: the crop frame and the aspect warning.
  await page.getByLabel('Output size').selectOption({ label: '1536 × 1024' });
  await expect(warnings.locator('[data-code="aspect-mismatch"]')).toContainText('cropped to the frame');
  await studio.button('Preflight').click();
  const frame = dialog.getByTestId('preflight-frame');
  await expect(frame).toHaveAttribute('data-aspect-differs', 'true');
  await expect(frame).toHaveAttribute('data-crop', '0,85,512,341');
  await expect(dialog.getByTestId('preflight-output-size')).toHaveText('1536 × 1024 px');
  // The frame is drawn: the cropped band above it is dimmed, inside it is not.
  const [outside, inside] = await frame.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const ctx = c.getContext('2d')!;
    const lum = (y: number) => {
      const d = ctx.getImageData(0, y, c.width, 1).data;
      let s = 0;
      for (let i = 0; i < d.length; i += 4) s += d[i]! + d[i + 1]! + d[i + 2]!;
      return s / (d.length / 4);
    };
    return [lum(Math.round(c.height * 0.05)), lum(Math.round(c.height * 0.5))];
  });
  expect(outside).toBeLessThan(inside * 0.7);
  await page.screenshot({ path: test.info().outputPath('preflight-frame.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Firefly needs 600 px on the long side: the 512² image and mask are sent scaled to 600².
  await page.getByLabel('Provider').selectOption('firefly');
  await expect(warnings.locator('[data-code="below-min-side"]')).toContainText('scaled up to 600 × 600');
  await studio.button('Preflight').click();
  await expect(dialog.getByTestId('preflight-send-size')).toHaveText(
    '600 × 600 px (scaled up from 512 × 512 px)',
  );
  const scaled = await previewMask(page);
  expect([scaled.width, scaled.height]).toEqual([600, 600]);
  const nearest = await sharp(exported.bytes)
    .resize(600, 600, { fit: 'fill', kernel: 'nearest' })
    .greyscale()
    .raw()
    .toBuffer();
  const differing = [...nearest].filter((v, i) => (v >= 128 ? 1 : 0) !== scaled.fill[i]).length;
  // The browser's and the server's nearest-neighbour may pick a neighbouring sample on band edges.
  expect(differing).toBeLessThan(600 * 4 * 2);
  expect(scaled.fill.filter(Boolean).length).toBeGreaterThan(0);
  await page.screenshot({ path: test.info().outputPath('preflight-firefly.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Cleared: the empty-mask warning is back, and Generate explains instead of sending.
  await page.getByLabel('Provider').selectOption('local');
  await studio.button('Clear mask').click();
  await expect(warnings.locator('[data-code="mask-empty"]')).toHaveText(
    'The mask is empty: paint the area to fill.',
  );
  let posted = false;
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/fills') posted = true;
  });
  await studio.button('Generate').click();
  await expect(page.getByRole('alert')).toContainText('The mask is empty');
  expect(posted).toBe(false);
  await page.screenshot({ path: test.info().outputPath('preflight-empty.png') });
});
