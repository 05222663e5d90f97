import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from '../support/fixtures.ts';
import type { Raster, Studio } from '../support/studio.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

/** A second image of another size (a colour ramp), so a mix-up between tabs shows. */
async function ramp(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) raw.set([x & 255, y & 255, 128], (y * width + x) * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** The image fits at 100%, centred: screen position of an image pixel. */
async function imageToScreen(studio: Studio, w: number, h: number) {
  const box = (await studio.canvas.boundingBox())!;
  return (x: number, y: number) =>
    [box.x + (box.width - w) / 2 + x, box.y + (box.height - h) / 2 + y] as const;
}

const filled = (r: Raster) => r.data.reduce((n, v) => n + (v === 255 ? 1 : 0), 0);
const at = (r: Raster, x: number, y: number) => r.data[y * r.width + x];

/** Alpha of the mask overlay as drawn on screen at a page point (the stage's second layer). */
async function overlayAlpha(page: Page, [x, y]: readonly [number, number]): Promise<number> {
  return page.getByTestId('editor-canvas').evaluate(
    (el, [px, py]) => {
      const layer = el.querySelectorAll('canvas')[1]!;
      const box = layer.getBoundingClientRect();
      const k = layer.width / box.width;
      const ctx = layer.getContext('2d')!;
      return ctx.getImageData(Math.round((px! - box.left) * k), Math.round((py! - box.top) * k), 1, 1)
        .data[3]!;
    },
    [x, y],
  );
}

async function drag(page: Page, from: readonly [number, number], to: readonly [number, number]) {
  await page.mouse.move(...from);
  await page.mouse.down();
  await page.mouse.move(...to, { steps: 8 });
  await page.mouse.up();
}

test('two images in tabs keep their own masks, history and view; a reload brings back both and the brush', async ({
  page,
  studio,
}) => {
  await studio.open();
  await studio.upload({ name: 'astronaut.png', mimeType: 'image/png', buffer: await readFile(photo) });
  await studio.upload({ name: 'ramp.png', mimeType: 'image/png', buffer: await ramp(400, 300) });
  const astronaut = studio.tab('astronaut.png');
  const rampTab = studio.tab('ramp.png');
  await expect(rampTab).toHaveAttribute('aria-selected', 'true');
  await expect(astronaut).toHaveAttribute('aria-selected', 'false');

  // Ramp: a 100×50 rectangle.
  const onRamp = await imageToScreen(studio, 400, 300);
  await page.keyboard.press('r');
  await drag(page, onRamp(100, 100), onRamp(200, 150));

  // Astronaut: a horizontal brush stroke.
  await astronaut.click();
  await expect(astronaut).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('main').getByText('512 × 512')).toBeVisible();
  const onAstro = await imageToScreen(studio, 512, 512);
  await page.keyboard.press('b');
  await studio.setBrushSize(30);
  await drag(page, onAstro(100, 400), onAstro(400, 400));

  // What is drawn follows the tab too: the stroke shows, the ramp's rectangle does not.
  await expect.poll(() => overlayAlpha(page, onAstro(250, 400))).toBeGreaterThan(0);
  expect(await overlayAlpha(page, onAstro(150, 125))).toBe(0);
  let mask = (await studio.exportMask()).raster;
  expect([mask.width, mask.height]).toEqual([512, 512]);
  expect(at(mask, 250, 400)).toBe(255);
  expect(at(mask, 150, 125)).toBe(0);
  const strokePixels = filled(mask);
  expect(strokePixels).toBeGreaterThan(300 * 28);

  await rampTab.click();
  await expect.poll(() => overlayAlpha(page, onRamp(150, 125))).toBeGreaterThan(0);
  expect(await overlayAlpha(page, onRamp(50, 250))).toBe(0);
  mask = (await studio.exportMask()).raster;
  expect([mask.width, mask.height]).toEqual([400, 300]);
  expect(filled(mask)).toBe(100 * 50);
  expect(at(mask, 150, 125)).toBe(255);
  // The ramp's own history: undo takes its rectangle away, not the astronaut's stroke.
  await studio.button('Undo').click();
  expect(filled((await studio.exportMask()).raster)).toBe(0);
  await studio.button('Redo').click();

  // Alt+1 jumps to the first tab; its mask is as it was.
  await page.keyboard.press('Alt+1');
  await expect(astronaut).toHaveAttribute('aria-selected', 'true');
  expect(filled((await studio.exportMask()).raster)).toBe(strokePixels);
  await expect.poll(() => overlayAlpha(page, onAstro(250, 400))).toBeGreaterThan(0);
  expect(await overlayAlpha(page, onAstro(300, 250))).toBe(0);

  // Each tab keeps its own view: zoom into the astronaut, the ramp stays fitted.
  await page.mouse.move(...onAstro(256, 256));
  await page.mouse.wheel(0, -400);
  const zoom = page.getByLabel('Zoom');
  await expect(zoom).not.toHaveText('100%');
  const astroZoom = await zoom.textContent();
  await rampTab.click();
  await expect(zoom).toHaveText('100%');
  await astronaut.click();
  await expect(zoom).toHaveText(astroZoom!);

  // Brush settings and mask display, all to survive the reload.
  await page.keyboard.press('e');
  await studio.setBrushSize(55);
  await page.getByLabel('Brush hardness').fill('35');
  await page.getByLabel('Mask opacity').fill('80');
  await page.getByLabel('Mask colour').fill('#20c0ff');
  await page.waitForTimeout(1000); // the draft is written with a short debounce
  await page.screenshot({ path: test.info().outputPath('tabs-before-reload.png') });

  await page.reload();
  await expect(astronaut).toHaveAttribute('aria-selected', 'true');
  await expect(rampTab).toBeVisible();
  await expect(studio.button('Eraser')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Brush size')).toHaveValue('55');
  await expect(page.getByLabel('Brush hardness')).toHaveValue('35');
  await expect(page.getByLabel('Mask opacity')).toHaveValue('80');
  await expect(page.getByLabel('Mask colour')).toHaveValue('#20c0ff');
  await expect(zoom).toHaveText(astroZoom!);
  expect(filled((await studio.exportMask()).raster)).toBe(strokePixels);
  await rampTab.click();
  await expect(zoom).toHaveText('100%');
  mask = (await studio.exportMask()).raster;
  expect(filled(mask)).toBe(100 * 50);
  await expect(studio.button('Undo')).toBeEnabled();
  await page.screenshot({ path: test.info().outputPath('tabs-after-reload.png') });

  // Closing a tab drops it (and its draft); the other is shown.
  await page.getByRole('button', { name: 'Close ramp.png' }).click();
  await expect(rampTab).toHaveCount(0);
  await expect(astronaut).toHaveAttribute('aria-selected', 'true');
  await page.waitForTimeout(1000);
  await page.reload();
  await expect(astronaut).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab')).toHaveCount(1);
});

test('"Try a sample" opens in a new tab beside the uploaded image', async ({ page, studio }) => {
  await studio.open();
  await studio.upload(photo);
  await page.getByRole('button', { name: 'Try a sample' }).click();
  await page.getByRole('menuitem').first().click();
  await expect(page.getByRole('tab')).toHaveCount(2);
  await expect(page.getByRole('tab').nth(1)).toHaveAttribute('aria-selected', 'true');
  // The sample brought its own mask; the uploaded image's is still empty.
  expect(filled((await studio.exportMask()).raster)).toBeGreaterThan(0);
  await studio.tab('astronaut_512.png').click();
  expect(filled((await studio.exportMask()).raster)).toBe(0);
});

test('"Use as new source" opens the result in a new tab; the source keeps its mask', async ({
  page,
  studio,
}) => {
  await studio.openWithBand(photo);
  const painted = filled((await studio.exportMask()).raster);
  const card = await studio.generateAndWait();
  await card.getByRole('button', { name: /^View Result 1/ }).click();
  await card.getByRole('button', { name: 'Use as new source' }).click();
  await expect(page.getByRole('tab')).toHaveCount(2);
  // Named after its source tab and the provider that made it, not "Image 1".
  const result = page.getByRole('tab').nth(1);
  await expect(result).toHaveAttribute('aria-selected', 'true');
  await expect(result).toHaveAccessibleName('astronaut_512.png · Local #1');
  await expect(result).toHaveText('astronaut_512.png · Local #1');
  await expect(result).toHaveAttribute('title', 'astronaut_512.png · Local #1 — 512×512');
  expect(filled((await studio.exportMask()).raster)).toBe(0); // the result starts with a fresh mask
  await studio.tab(/^astronaut_512\.png$/).click();
  expect(filled((await studio.exportMask()).raster)).toBe(painted);
});
