import { expect, test } from '../support/fixtures.ts';

test('presenter view: a sample in one click, Generate, the result shown big', async ({ page, studio }) => {
  await studio.open();
  await studio.button('Present').click();
  const presenter = page.getByRole('dialog', { name: 'Presenter' });
  await expect(presenter).toBeVisible();
  await presenter.getByRole('button', { name: /Grace Hopper — remove the name tag/ }).click();
  await expect(presenter.getByRole('img', { name: 'Source' })).toBeVisible();
  await expect(presenter.getByLabel('Prompt')).toHaveValue('plain navy uniform fabric');
  await presenter.getByRole('button', { name: 'Generate' }).click();
  const result = presenter.getByTestId('presenter-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result).toHaveJSProperty('complete', true);
  expect(await result.evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight])).toEqual([
    437, 512,
  ]);
  // Big: the result takes most of its half of a 1280-wide screen.
  const box = await result.boundingBox();
  expect(box!.height).toBeGreaterThan(300);
  await expect(presenter.getByTestId('presenter-fallback')).toHaveCount(0);
  // Another sample: its source replaces the old one and the old result goes (never a mismatched pair).
  const oldSource = await presenter.getByRole('img', { name: 'Source' }).getAttribute('src');
  await presenter.getByRole('button', { name: /Astronaut — remove the mission patch/ }).click();
  await expect(presenter.getByRole('img', { name: 'Source' })).not.toHaveAttribute('src', oldSource!);
  await expect(result).toHaveCount(0);
  await expect(presenter.getByText('Press Generate')).toBeVisible();
  await presenter.getByRole('button', { name: 'Exit' }).click();
  await expect(presenter).toHaveCount(0);
});
