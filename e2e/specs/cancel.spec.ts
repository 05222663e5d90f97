import { expect, test } from '../support/fixtures.ts';
import sharp from 'sharp';

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

test('a running job can be cancelled from its card', async ({ page, studio }) => {
  await studio.open();
  await studio.upload({ name: 'noise.png', mimeType: 'image/png', buffer: await bigImage() });
  // A large hole in a large image: long enough to cancel while it runs.
  await studio.setBrushSize(200);
  for (const y of [0.35, 0.45, 0.55, 0.65]) await studio.paint([0.3, y], [0.7, y]);
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
