import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from '../support/fixtures.ts';
import type { Raster } from '../support/studio.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');
const W = 2048;
const H = 1536;
const at = (r: Raster, x: number, y: number) => r.data[y * r.width + x];

test('the wheel over the minimap zooms the view about the image point under the pointer, and only that', async ({
  page,
  studio,
}) => {
  await studio.open();
  const big = await sharp(photo).resize(W, H, { fit: 'fill' }).png({ compressionLevel: 1 }).toBuffer();
  await studio.upload({ name: 'big.png', mimeType: 'image/png', buffer: big });
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
  await page.waitForTimeout(300); // let the overview repaint before the screenshot
  await page.screenshot({ path: '/tmp/h1-minimap-wheel.png' });

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
