import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';

/** Page object for the studio: every selector the specs use lives here. */
export class Studio {
  constructor(readonly page: Page) {}

  get canvas(): Locator {
    return this.page.getByTestId('editor-canvas');
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('button', { name: 'Generate' })).toBeVisible();
  }

  async upload(file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    const uploaded = this.page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/images',
    );
    await this.page.getByLabel('Upload image').setInputFiles(file);
    expect((await uploaded).status()).toBe(201);
    // The editor has the image once the toolbar shows its size.
    await expect(this.page.getByRole('main').getByText(/^\d+ × \d+$/)).toBeVisible();
  }

  async setBrushSize(px: number): Promise<void> {
    await this.page.getByLabel('Brush size').fill(String(px));
  }

  /** Paints a straight stroke between two points given as fractions of the canvas box. */
  async paint(from: [number, number], to: [number, number], steps = 12): Promise<void> {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    const at = ([fx, fy]: [number, number]) => [box.x + box.width * fx, box.y + box.height * fy] as const;
    const [x0, y0] = at(from);
    const [x1, y1] = at(to);
    await this.page.mouse.move(x0, y0);
    await this.page.mouse.down();
    for (let i = 1; i <= steps; i++) {
      await this.page.mouse.move(x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps);
    }
    await this.page.mouse.up();
  }

  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Clicks Generate and returns the mask PNG the page sent with the fill (read back from the server). */
  async generate(): Promise<Buffer> {
    const fillResponse = this.page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/fills',
    );
    await this.button('Generate').click();
    const res = await fillResponse;
    expect(res.status(), await res.text()).toBe(202);
    const job = (await res.json()) as { request: { maskId: string } };
    const mask = await this.page.request.get(`/api/images/${job.request.maskId}`);
    expect(mask.ok()).toBe(true);
    return Buffer.from(await mask.body());
  }

  /** An open image's tab in the strip above the canvas. */
  tab(name: string | RegExp): Locator {
    return this.page.getByRole('tablist', { name: 'Open images' }).getByRole('tab', { name });
  }

  /** The mask as the "Export mask" button downloads it (exactly what Generate sends), greyscale. */
  async exportMask(): Promise<{ bytes: Buffer; raster: Raster }> {
    const download = this.page.waitForEvent('download');
    await this.button('Export mask').click();
    const bytes = await readFile((await (await download).path())!);
    return { bytes, raster: await decode(bytes, 1) };
  }

  jobCard(): Locator {
    return this.page.locator('li[data-status]').first();
  }

  /** Opens the studio on `photo` with a 60 px band painted across its middle: the usual first fill. */
  async openWithBand(photo: string): Promise<void> {
    await this.open();
    await this.upload(photo);
    await this.setBrushSize(60);
    await this.paint([0.4, 0.5], [0.6, 0.5]);
  }

  /** Generates, then waits until the newest job has succeeded; returns its card. */
  async generateAndWait(): Promise<Locator> {
    await this.generate();
    const card = this.jobCard();
    await expect(card).toContainText(/succeeded/i, { timeout: 45_000 });
    return card;
  }
}

export interface Raster {
  width: number;
  height: number;
  channels: number;
  data: Buffer;
}

export async function decode(bytes: Buffer, channels: 1 | 3 = 3): Promise<Raster> {
  const img = sharp(bytes).removeAlpha();
  const { data, info } = await (channels === 1 ? img.greyscale() : img)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: info.channels, data };
}

export function pixel(r: Raster, x: number, y: number): number[] {
  const i = (y * r.width + x) * r.channels;
  return Array.from(r.data.subarray(i, i + r.channels));
}
