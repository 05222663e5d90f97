import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { pixel } from '../support/studio.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

/** Names of the JS files the page has requested so far (`QaView-hkXbMNpf.js`). */
function scriptLog(page: Page): string[] {
  const names: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') names.push(new URL(r.url()).pathname.split('/').pop()!);
  });
  return names;
}

test('the first load fetches none of the on-demand views; each one still opens', async ({ page, studio }) => {
  const scripts = scriptLog(page);
  await studio.open();
  await expect(studio.canvas).toBeVisible();
  expect(scripts.some((s) => s.startsWith('konva-'))).toBe(true);
  expect(scripts.filter((s) => /^(QaView|PresenterView|HistoryDialog)-/.test(s))).toEqual([]);

  await studio.button('Prompt QA').click();
  const qa = page.getByRole('dialog', { name: 'Prompt QA' });
  await expect(qa.getByRole('navigation', { name: 'Batches' })).toBeVisible();
  await qa.getByRole('button', { name: 'Back to studio' }).click();
  await expect(qa).toHaveCount(0);

  await studio.button('Present').click();
  const presenter = page.getByRole('dialog', { name: 'Presenter' });
  await expect(presenter.getByLabel('Prompt')).toBeVisible();
  await presenter.getByRole('button', { name: 'Exit' }).click();
  await expect(presenter).toHaveCount(0);

  await studio.button('History').click();
  const history = page.getByRole('dialog', { name: 'History' });
  await expect(history.getByLabel('Search prompts')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(history).toHaveCount(0);

  await studio.upload(photo);
  await studio.setBrushSize(40);
  await studio.paint([0.4, 0.4], [0.6, 0.6]);
  await studio.generate();
  const card = studio.jobCard();
  await expect(card.getByText(/succeeded/i)).toBeVisible({ timeout: 60_000 });
  await card.getByRole('button', { name: /^View Result 1/ }).click();
  await expect(card.getByRole('button', { name: 'Use as new source' })).toBeVisible();
  expect(scripts.filter((s) => /^(QaView|PresenterView|HistoryDialog|ResultDetails)-/.test(s))).toHaveLength(
    4,
  );
});

test('a view whose chunk cannot be fetched (e.g. after a redeploy) says so and reloads into it', async ({
  page,
  studio,
}) => {
  await page.route('**/assets/QaView-*.js', (r) => r.abort());
  await studio.open();
  await studio.button('Prompt QA').click();
  const notice = page.getByRole('alert').filter({ hasText: 'Could not load Prompt QA.' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Reload to get the current version');

  // Close returns to the studio, which kept working.
  await notice.getByRole('button', { name: 'Close' }).click();
  await expect(notice).toHaveCount(0);
  await expect(studio.button('Generate')).toBeVisible();

  // The deploy is back: Reload opens the view where the user left (#qa is in the URL).
  await studio.button('Prompt QA').click();
  await page.unroute('**/assets/QaView-*.js');
  await page.getByRole('alert').getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('dialog', { name: 'Prompt QA' })).toBeVisible();
});

test('a canvas that cannot load leaves the rest of the studio usable and offers a reload', async ({
  page,
  studio,
}) => {
  await page.route('**/assets/EditorCanvas-*.js', (r) => r.abort());
  await studio.open();
  const notice = page.getByRole('alert').filter({ hasText: 'Could not load the canvas.' });
  await expect(notice).toBeVisible();
  await expect(notice.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /prompt/i }).first()).toBeEditable();
  await page.unroute('**/assets/EditorCanvas-*.js');
  await notice.getByRole('button', { name: 'Reload' }).click();
  await expect(studio.canvas).toBeVisible();
});

test('an image uploaded while the canvas is still loading appears, and can be painted, once it arrives', async ({
  page,
  studio,
}) => {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/assets/EditorCanvas-*.js', async (route) => {
    await held;
    await route.continue();
  });
  await studio.open();
  await studio.upload(photo);
  await expect(page.getByRole('status').filter({ hasText: 'Loading the canvas…' })).toBeVisible();
  await expect(studio.canvas).toHaveCount(0);
  release();
  await expect(studio.canvas).toBeVisible();
  await studio.setBrushSize(60);
  await studio.paint([0.45, 0.5], [0.55, 0.5]);
  const { raster } = await studio.exportMask();
  expect(pixel(raster, 256, 256)).toEqual([255]);
});
