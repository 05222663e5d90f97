import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from '../support/fixtures.ts';
import type { Raster } from '../support/studio.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');
const W = 2048;
const H = 1536;
const at = (r: Raster, x: number, y: number) => r.data[y * r.width + x];

test('the minimap shows on a zoomed-in large image; dragging and clicking it pans the view', async ({
  page,
  studio,
}) => {
  await studio.open();
  const big = await sharp(photo).resize(W, H, { fit: 'fill' }).png({ compressionLevel: 1 }).toBuffer();
  await studio.upload({ name: 'big.png', mimeType: 'image/png', buffer: big });
  const minimap = page.getByRole('group', { name: 'Minimap' });
  // Fitted, the whole image is on screen: no minimap.
  await expect(page.getByLabel('Zoom')).not.toHaveText('100%');
  await expect(minimap).toHaveCount(0);

  await page.keyboard.press('1');
  await expect(page.getByLabel('Zoom')).toHaveText('100%');
  await expect(minimap).toBeVisible();
  const map = (await page.getByTestId('minimap-canvas').boundingBox())!;
  // 4:3 in a 200×150 box: minimap pixels per image pixel.
  expect([Math.round(map.width), Math.round(map.height)]).toEqual([200, 150]);
  const k = map.width / W;
  const canvas = (await studio.canvas.boundingBox())!;
  await page.waitForTimeout(300); // let the overview paint before the screenshot
  await page.screenshot({ path: '/tmp/ed1-minimap.png' });

  // Grab the viewport rectangle at its centre and drag it to the top left corner of the image.
  const centre = [map.x + (W / 2) * k, map.y + (H / 2) * k] as const;
  const target = [map.x + (canvas.width / 2) * k, map.y + (canvas.height / 2) * k] as const;
  await page.mouse.move(...centre);
  await page.mouse.down();
  await page.mouse.move(...target, { steps: 6 });
  await page.mouse.up();
  // Now the canvas's top left shows the image's: a dab there lands near image pixel (100, 100).
  await studio.setBrushSize(24);
  await page.mouse.click(canvas.x + 100, canvas.y + 100);
  let mask = (await studio.exportMask()).raster;
  expect([mask.width, mask.height]).toEqual([W, H]);
  expect(at(mask, 100, 100)).toBe(255);
  // Where that screen point was before the drag: untouched.
  expect(
    at(mask, Math.round(W / 2 - canvas.width / 2 + 100), Math.round(H / 2 - canvas.height / 2 + 100)),
  ).toBe(0);

  // A click outside the rectangle centres the view there.
  await page.mouse.click(map.x + 1800 * k, map.y + 1300 * k);
  await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  mask = (await studio.exportMask()).raster;
  expect(at(mask, 1800, 1300)).toBe(255);
  await page.waitForTimeout(300);
  await page.screenshot({ path: '/tmp/ed1-minimap-panned.png' });

  // Fit again: the minimap goes away.
  await page.keyboard.press('0');
  await expect(minimap).toHaveCount(0);
});
