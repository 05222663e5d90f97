import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { decode, type Raster, type Studio } from '../support/studio.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

/** The 512² photo fits at 100%, centred: screen position of an image pixel. */
async function imageToScreen(studio: Studio) {
  const box = (await studio.canvas.boundingBox())!;
  const ox = box.x + (box.width - 512) / 2;
  const oy = box.y + (box.height - 512) / 2;
  return (x: number, y: number) => [ox + x, oy + y] as const;
}

async function open(page: Page, studio: Studio) {
  await studio.open();
  await studio.upload(photo);
  await expect(page.getByLabel('Zoom')).toHaveText('100%');
  return imageToScreen(studio);
}

/** The mask as the "Export mask" button downloads it (exactly what Generate sends). */
async function exportMask(page: Page, studio: Studio): Promise<{ bytes: Buffer; raster: Raster }> {
  const download = page.waitForEvent('download');
  await studio.button('Export mask').click();
  const bytes = await readFile((await (await download).path())!);
  return { bytes, raster: await decode(bytes, 1) };
}

const filled = (r: Raster) => r.data.reduce((n, v) => n + (v === 255 ? 1 : 0), 0);
const at = (r: Raster, x: number, y: number) => r.data[y * r.width + x];

test('rectangle adds, Alt+lasso subtracts, polygon closes on its first corner and with Enter', async ({
  page,
  studio,
}) => {
  const to = await open(page, studio);
  await page.keyboard.press('r');
  await page.mouse.move(...to(100, 100));
  await page.mouse.down();
  await page.mouse.move(...to(200, 150), { steps: 4 });
  await page.mouse.move(...to(300, 200), { steps: 4 });
  await page.mouse.up();
  let mask = (await exportMask(page, studio)).raster;
  expect(filled(mask)).toBe(200 * 100);

  // Alt-lasso a triangle out of the rectangle's left half.
  await page.keyboard.press('l');
  await page.keyboard.down('Alt');
  await page.mouse.move(...to(90, 90));
  await page.mouse.down();
  await page.mouse.move(...to(200, 90), { steps: 5 });
  await page.mouse.move(...to(90, 210), { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Alt');
  mask = (await exportMask(page, studio)).raster;
  expect(at(mask, 105, 105)).toBe(0);
  expect(at(mask, 250, 180)).toBe(255);
  expect(filled(mask)).toBeLessThan(200 * 100 - 4000);

  await studio.button('Clear mask').click();
  await page.keyboard.press('p');
  for (const [x, y] of [
    [50, 300],
    [150, 300],
    [150, 400],
    [50, 400],
    [52, 302], // near the first corner: closes
  ] as const)
    await page.mouse.click(...to(x, y));
  await page.keyboard.press('p');
  for (const [x, y] of [
    [300, 300],
    [400, 300],
    [400, 350],
  ] as const)
    await page.mouse.click(...to(x, y));
  await page.keyboard.press('Enter');
  mask = (await exportMask(page, studio)).raster;
  // 100×100 square plus the right triangle below the diagonal of a 100×50 box (centres inside).
  expect(at(mask, 100, 350)).toBe(255);
  expect(at(mask, 390, 310)).toBe(255);
  expect(at(mask, 310, 340)).toBe(0);
  expect(filled(mask)).toBeGreaterThan(100 * 100 + 2400);
  expect(filled(mask)).toBeLessThan(100 * 100 + 2600);
  // Each shape was one undo step.
  await page.keyboard.press('Control+z');
  mask = (await exportMask(page, studio)).raster;
  expect(filled(mask)).toBe(100 * 100);
});

async function cdp(page: Page): Promise<CDPSession> {
  return page.context().newCDPSession(page);
}

test('a pen stroke gets narrower as the pressure drops', async ({ page, studio }) => {
  const to = await open(page, studio);
  await studio.setBrushSize(40);
  const s = await cdp(page);
  const pen = (type: 'mouseMoved' | 'mousePressed' | 'mouseReleased', x: number, y: number, force: number) =>
    s.send('Input.dispatchMouseEvent', {
      type,
      x: to(x, y)[0],
      y: to(x, y)[1],
      button: 'left',
      buttons: type === 'mouseReleased' ? 0 : 1,
      clickCount: 1,
      pointerType: 'pen',
      force,
    });
  await pen('mouseMoved', 100, 256, 0);
  await pen('mousePressed', 100, 256, 1);
  for (let i = 1; i <= 30; i++) await pen('mouseMoved', 100 + i * 10, 256, 1 - (i / 30) * 0.8);
  await pen('mouseReleased', 400, 256, 0.2);
  const mask = (await exportMask(page, studio)).raster;
  const column = (x: number) => [...Array(512).keys()].filter((y) => at(mask, x, y) === 255).length;
  // Full pressure: the whole 40 px; at the light end about a fifth of it.
  expect(column(110)).toBeGreaterThanOrEqual(38);
  expect(column(390)).toBeLessThanOrEqual(14);
  expect(column(390)).toBeGreaterThan(0);
});

test('touch: one finger paints, two fingers pinch-zoom without painting', async ({ page, studio }) => {
  const to = await open(page, studio);
  const s = await cdp(page);
  const touch = (
    type: 'touchStart' | 'touchMove' | 'touchEnd' | 'touchCancel',
    points: (readonly [number, number])[],
  ) =>
    s.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 2, radiusY: 2, force: 1 })),
    });
  await touch('touchStart', [to(100, 100)]);
  for (let i = 1; i <= 10; i++) await touch('touchMove', [to(100 + i * 10, 100)]);
  await touch('touchEnd', []);
  let mask = (await exportMask(page, studio)).raster;
  const painted = filled(mask);
  expect(at(mask, 150, 100)).toBe(255);

  await touch('touchStart', [to(236, 256)]);
  await touch('touchStart', [to(236, 256), to(276, 256)]);
  for (let i = 1; i <= 10; i++) await touch('touchMove', [to(236 - i * 4, 256), to(276 + i * 4, 256)]);
  await touch('touchEnd', []);
  // Finger distance 40 → 120: three times the zoom.
  await expect(page.getByLabel('Zoom')).toHaveText('300%');
  mask = (await exportMask(page, studio)).raster;
  expect(filled(mask)).toBe(painted);
});

test('an exported mask imports back pixel for pixel; Invert on import flips it', async ({ page, studio }) => {
  await open(page, studio);
  await studio.setBrushSize(60);
  await studio.paint([0.4, 0.4], [0.6, 0.55]);
  const first = await exportMask(page, studio);
  expect(filled(first.raster)).toBeGreaterThan(1000);

  await studio.button('Clear mask').click();
  await page
    .getByLabel('Mask file')
    .setInputFiles({ name: 'm.png', mimeType: 'image/png', buffer: first.bytes });
  const again = await exportMask(page, studio);
  expect(again.raster.data.equals(first.raster.data)).toBe(true);

  await page.getByLabel('Invert on import').check();
  await page
    .getByLabel('Mask file')
    .setInputFiles({ name: 'm.png', mimeType: 'image/png', buffer: first.bytes });
  const inverted = (await exportMask(page, studio)).raster;
  expect(filled(inverted)).toBe(512 * 512 - filled(first.raster));
  // A mask of another aspect is stretched, with a warning.
  const wide = await (
    await import('sharp')
  )
    .default({
      create: { width: 200, height: 100, channels: 3, background: '#ffffff' },
    })
    .png()
    .toBuffer();
  await page.getByLabel('Invert on import').uncheck();
  await page.getByLabel('Mask file').setInputFiles({ name: 'w.png', mimeType: 'image/png', buffer: wide });
  await expect(page.getByRole('status').filter({ hasText: 'stretched' })).toBeVisible();
  expect(filled((await exportMask(page, studio)).raster)).toBe(512 * 512);
});
