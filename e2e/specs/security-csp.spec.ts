import { join } from 'node:path';
import { expect, test } from '../support/fixtures.ts';

const photo = join(import.meta.dirname, '../fixtures/astronaut_512.png');

test('the studio works end to end under the CSP, with no policy violation', async ({ page, studio }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(
        `Refused to load (CSP): ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      );
    });
  });
  const main = page.waitForResponse((r) => new URL(r.url()).pathname === '/');
  await studio.open();
  const headers = (await main).headers();
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');

  await studio.upload(photo);
  await studio.setBrushSize(40);
  await studio.paint([0.42, 0.5], [0.58, 0.5]);
  await studio.generate();
  const card = studio.jobCard();
  await expect(card).toContainText(/succeeded/i, { timeout: 45_000 });
  await expect(card.getByRole('img').first()).toBeVisible();
  expect(violations).toEqual([]);
});

test('a plain cross-site form cannot submit a fill', async ({ page, baseURL }) => {
  const before = (await (await page.request.get('/api/jobs')).json()) as { jobs: unknown[] };
  const body = JSON.stringify({ provider: 'local', imageId: 'a'.repeat(64), maskId: 'b'.repeat(64) });
  // A page on another origin posts text/plain (the only way a form can carry JSON-looking text).
  await page.goto('about:blank');
  await page.setContent(
    `<form method="post" enctype="text/plain" action="${baseURL}/api/fills"><input name='${body.slice(0, -2)}' value='"}'></form>`,
  );
  const response = page.waitForResponse((r) => r.url().endsWith('/api/fills'));
  await page.locator('form').evaluate((f: HTMLFormElement) => f.submit());
  const res = await response;
  expect(res.status()).toBe(415);
  const after = (await (await page.request.get('/api/jobs')).json()) as { jobs: unknown[] };
  expect(after.jobs.length).toBe(before.jobs.length);
});
