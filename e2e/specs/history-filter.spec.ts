import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from '../support/fixtures.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

test('history: search by prompt, filter by status, delete selected; it is server-side', async ({
  page,
  studio,
}) => {
  const image = await (
    await page.request.post('/api/images', {
      data: readFileSync(photo),
      headers: { 'content-type': 'image/png' },
    })
  ).json();
  const maskPng = await sharp({ create: { width: 512, height: 512, channels: 3, background: '#000' } })
    .composite([
      { input: { create: { width: 60, height: 60, channels: 3, background: '#fff' } }, left: 200, top: 200 },
    ])
    .png()
    .toBuffer();
  const mask = await (
    await page.request.post('/api/images', { data: maskPng, headers: { 'content-type': 'image/png' } })
  ).json();
  const tag = `hist${Date.now()}`;
  const ids: string[] = [];
  for (const prompt of [`${tag} kite red`, `${tag} kite blue`, `${tag} boat green`]) {
    const res = await page.request.post('/api/fills', {
      data: { provider: 'local', imageId: image.id, maskId: mask.id, prompt },
    });
    expect(res.status()).toBe(202);
    ids.push((await res.json()).id);
  }
  // Cancel the last one so a status filter has something to tell apart.
  await page.request.post(`/api/jobs/${ids[2]}/cancel`);
  await expect
    .poll(
      async () => {
        const jobs = await Promise.all(
          ids.map(async (id) => (await (await page.request.get(`/api/jobs/${id}`)).json()).status),
        );
        return jobs.every((s: string) => ['succeeded', 'cancelled', 'failed'].includes(s));
      },
      { timeout: 60_000 },
    )
    .toBe(true);

  await studio.open();
  await page.getByRole('button', { name: 'History' }).click();
  const dialog = page.getByRole('dialog', { name: 'History' });
  await dialog.getByLabel('Search prompts').fill(`${tag} kite`);
  const rows = dialog.locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(`${tag} kite blue`);

  await dialog.getByLabel('Search prompts').fill(tag);
  await expect(rows).toHaveCount(3);
  await dialog.getByLabel('Filter by status').selectOption('cancelled');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${tag} boat green`);
  await dialog.getByLabel('Filter by status').selectOption('');
  await expect(rows).toHaveCount(3);

  await dialog.getByLabel(`Select job ${tag} kite red`).check();
  await dialog.getByLabel(`Select job ${tag} boat green`).check();
  await dialog.getByRole('button', { name: 'Delete selected (2)' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${tag} kite blue`);
  expect((await page.request.get(`/api/jobs/${ids[0]}`)).status()).toBe(404);

  // After a reload the history still holds exactly what the server has.
  await page.reload();
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('dialog', { name: 'History' }).getByLabel('Search prompts').fill(tag);
  await expect(page.getByRole('dialog', { name: 'History' }).locator('tbody tr')).toHaveCount(1);
});
