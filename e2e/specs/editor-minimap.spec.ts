import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from '../support/fixtures.ts';
import type { Raster, Studio } from '../support/studio.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');
const W = 2048;
const H = 1536;
const at = (r: Raster, x: number, y: number) => r.data[y * r.width + x];

/** Opens the studio on a 2048 × 1536 copy of the photo, larger than the view at 100 %. */
async function openBig(studio: Studio) {
  await studio.open();
  const big = await sharp(photo).resize(W, H, { fit: 'fill' }).png({ compressionLevel: 1 }).toBuffer();
  await studio.upload({ name: 'big.png', mimeType: 'image/png', buffer: big });
}

test('the minimap shows on a zoomed-in large image; dragging and clicking it pans the view', async ({
  page,
  studio,
}) => {
  await openBig(studio);
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
  await page.screenshot({ path: test.info().outputPath('minimap.png') });

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
  await page.screenshot({ path: test.info().outputPath('minimap-panned.png') });

  // Fit again: the minimap goes away.
  await page.keyboard.press('0');
  await expect(minimap).toHaveCount(0);
});

test('the wheel over the minimap zooms the view about the image point under the pointer, and only that', async ({
  page,
  studio,
}) => {
  await openBig(studio);
  await page.keyboard.press('1');
  await expect(page.getByLabel('Zoom')).toHaveText('100%');
  const minimap = page.getByTestId('minimap-canvas');
  await expect(minimap).toBeVisible();
  const map = (await minimap.boundingBox())!;
  const k = map.width / W;
  const canvas = (await studio.canvas.boundingBox())!;
  // Every wheel event the page sees, to check afterwards that none was left to scroll anything.
  await page.evaluate(() => {
    const seen: WheelEvent[] = [];
    (window as unknown as { wheels: WheelEvent[] }).wheels = seen;
    window.addEventListener('wheel', (e) => seen.push(e), { capture: true });
  });

  // At 100% the image's centre is at the canvas's: image point P is 150, 100 px right of and below it.
  const P = [W / 2 + 150, H / 2 + 100] as const;
  const onScreen = [canvas.x + canvas.width / 2 + 150, canvas.y + canvas.height / 2 + 100] as const;
  await page.mouse.move(map.x + P[0] * k, map.y + P[1] * k);
  await page.mouse.wheel(0, -300);
  // One canvas wheel step of 300 px: ×e^0.45 (157%), and nothing else zoomed on top of it.
  await expect(page.getByLabel('Zoom')).toHaveText('157%');
  const wheels = await page.evaluate(() =>
    (window as unknown as { wheels: WheelEvent[] }).wheels.map((e) => e.defaultPrevented),
  );
  expect(wheels.length).toBeGreaterThan(0);
  expect(wheels.every(Boolean)).toBe(true);
  expect(await page.evaluate(() => [window.scrollX, window.scrollY])).toEqual([0, 0]);

  // P kept its place on screen: a dab there lands on it. The canvas centre, 150 × 100 screen px from it,
  // is now 150/1.57 × 100/1.57 image px from P.
  await studio.setBrushSize(16);
  await page.mouse.click(...onScreen);
  await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  const mask = (await studio.exportMask()).raster;
  expect(at(mask, P[0], P[1])).toBe(255);
  const f = Math.exp(0.45);
  expect(at(mask, Math.round(P[0] - 150 / f), Math.round(P[1] - 100 / f))).toBe(255);
  expect(at(mask, W / 2, H / 2)).toBe(0); // where the centre was before the zoom: untouched

  // Wheel back down: the same step out, to 100% again.
  await page.mouse.move(map.x + P[0] * k, map.y + P[1] * k);
  await page.mouse.wheel(0, 300);
  await expect(page.getByLabel('Zoom')).toHaveText('100%');
});
