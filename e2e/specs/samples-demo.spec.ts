import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../support/fixtures.ts';
import { decode } from '../support/studio.ts';

const samples = join(import.meta.dirname, '../../web/public/samples');

test('"Try a sample" opens a photo with its mask and prompt; one click on Generate fills it locally', async ({
  page,
  studio,
}) => {
  await studio.open();
  await page.getByRole('button', { name: 'Try a sample' }).click();
  const uploaded = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/images',
  );
  await page.getByRole('menuitem', { name: /remove the shuttle model/ }).click();
  expect((await uploaded).status()).toBe(201);
  await expect(page.getByRole('main').getByText('512 × 512')).toBeVisible();
  await expect(page.getByLabel('Provider')).toHaveValue('local');
  await expect(page.getByLabel('Prompt')).toHaveValue('plain mottled grey studio backdrop');
  await expect(page.getByTestId('cost-estimate')).toContainText('Free');

  const sent = await decode(await studio.generate(), 1);
  const expected = await decode(readFileSync(join(samples, 'astronaut-mask.png')), 1);
  expect([sent.width, sent.height]).toEqual([512, 512]);
  let differ = 0;
  for (let i = 0; i < expected.data.length; i++)
    if (sent.data[i]! >= 128 !== expected.data[i]! >= 128) differ++;
  expect(differ).toBe(0);
  await expect(studio.jobCard()).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
});
