import { join } from 'node:path';
import { expect } from '@playwright/test';
import type { Studio } from './studio.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

/** Opens the studio with the 512 px astronaut, a short stroke of mask, and the Prompt QA dialog. */
export async function openQaWithMask(studio: Studio): Promise<void> {
  await studio.open();
  await studio.upload(photo);
  await studio.setBrushSize(40);
  await studio.paint([0.45, 0.5], [0.55, 0.5]);
  await studio.button('Prompt QA').click();
  await expect(studio.page.getByRole('dialog', { name: 'Prompt QA' })).toBeVisible();
}

/** Fills the QA form and submits; returns the created batch. */
export async function runBatch(studio: Studio, prompts: string[], seeds: string) {
  const page = studio.page;
  await page.getByLabel('Prompts (one per line)').fill(prompts.join('\n'));
  await page.getByLabel('Seeds').fill(seeds);
  const created = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/batches',
  );
  await page.getByRole('button', { name: /^Run batch/ }).click();
  const res = await created;
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; cells: { id: string; jobId: string }[] };
}
