import { expect, test } from '../support/fixtures.ts';
import { join } from 'node:path';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

test('generating with an empty mask shows a readable error and keeps the prompt', async ({
  page,
  studio,
}) => {
  await studio.open();
  await studio.upload(photo);
  await page.getByLabel('Prompt', { exact: true }).fill('a quiet studio wall');
  await studio.button('Generate').click();
  await expect(page.getByRole('alert')).toContainText(/mask is empty/i);
  await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue('a quiet studio wall');
});
