import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { Studio } from '../support/studio.ts';

/** A large textured image, so a whole-image fill runs long enough to be cancelled. */
async function bigImage(): Promise<Buffer> {
  const size = 2048;
  const raw = Buffer.alloc(size * size * 3);
  let s = 12345;
  for (let i = 0; i < raw.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    raw[i] = (s >>> 16) & 0xff;
  }
  return sharp(raw, { raw: { width: size, height: size, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

test('a running job can be cancelled from its card', async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.upload({ name: 'noise.png', mimeType: 'image/png', buffer: await bigImage() });
  await studio.setBrushSize(20);
  await studio.paint([0.48, 0.5], [0.52, 0.5]);
  await studio.button('Invert mask').click();
  await page.getByLabel('Variations').selectOption('4');
  await studio.generate();

  const card = studio.jobCard();
  await expect(card).toContainText(/running|queued/i);
  await card.getByRole('button', { name: 'Cancel' }).click();
  await expect(card).toContainText(/cancelled/i);
  const { jobs } = await (await page.request.get('/api/jobs')).json();
  expect(jobs[0].status).toBe('cancelled');
  expect(jobs[0].outputs).toEqual([]);
});
