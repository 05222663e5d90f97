import type { Batch, Job, ProviderInfo } from '@maskfill/server/contract';
import { describe, expect, it } from 'vitest';
import { htmlReport, matrixCsv, matrixJson, matrixRows } from './report.ts';

const ID = 'a'.repeat(64);
const job = (n: number, provider: 'local' | 'fal', extra: Partial<Job> = {}): Job => ({
  id: `job${n}`,
  provider,
  status: 'succeeded',
  revision: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  startedAt: '2026-01-01T00:00:01.000Z',
  finishedAt: '2026-01-01T00:00:03.500Z',
  request: { provider, imageId: ID, maskId: ID, seeds: [n] },
  outputs: [{ imageId: ID, url: `/api/images/out${n}`, seed: n, width: 1000, height: 1000 }],
  ...extra,
});

const batch: Batch = {
  id: 'b1',
  name: 'Doors <test>',
  createdAt: '2026-01-01T00:00:00.000Z',
  rerunOf: null,
  request: {
    imageId: ID,
    maskId: ID,
    prompts: ['a red, "old" door', 'ivy'],
    seeds: [1, 2],
    providers: ['fal'],
  },
  cells: [
    {
      id: 'c0',
      prompt: 'a red, "old" door',
      seed: 1,
      provider: 'fal',
      jobId: 'job1',
      mark: 'pass',
      note: 'good',
      job: job(1, 'fal'),
    },
    {
      id: 'c1',
      prompt: 'a red, "old" door',
      seed: 2,
      provider: 'fal',
      jobId: 'job2',
      mark: 'fail',
      note: 'seam\nleft',
      job: job(2, 'fal', {
        outputs: [{ imageId: ID, url: '/api/images/out2', seed: 2, width: 1000, height: 1000, nsfw: true }],
      }),
    },
    {
      id: 'c2',
      prompt: 'ivy',
      seed: 1,
      provider: 'fal',
      jobId: 'job3',
      mark: null,
      note: '',
      job: job(3, 'fal', {
        status: 'failed',
        outputs: [],
        finishedAt: undefined,
        error: { code: 'upstream_error', message: 'boom', retryable: false },
      }),
    },
    { id: 'c3', prompt: 'ivy', seed: 2, provider: 'fal', jobId: 'job4', mark: null, note: '', job: null },
  ],
};

const providers = [
  { id: 'fal', label: 'fal', pricing: { usdPerMegapixelPerImage: 0.05 } },
] as unknown as ProviderInfo[];

describe('matrix export', () => {
  const rows = matrixRows(batch, providers);

  it('has one row per cell with latency, cost, safety flag and mark', () => {
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({
      seed: 1,
      latencyMs: 2500,
      totalMs: 3500,
      costUsd: 0.05,
      mark: 'pass',
      nsfw: false,
    });
    expect(rows[1]).toMatchObject({ nsfw: true, mark: 'fail', note: 'seam\nleft' });
    expect(rows[2]).toMatchObject({ status: 'failed', costUsd: null, error: 'boom', output: '' });
    expect(rows[3]).toMatchObject({ status: 'deleted' });
  });

  it('writes CSV with quoted commas, quotes and line breaks', () => {
    const csv = matrixCsv(rows);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'cell,prompt,seed,provider,status,latencyMs,totalMs,costUsd,costNote,nsfw,mark,note,output,error',
    );
    expect(lines[1]).toBe(
      'c0,"a red, ""old"" door",1,fal,succeeded,2500,3500,0.05,,false,pass,good,/api/images/out1,',
    );
    expect(csv).toContain('"seam\nleft"');
    expect(JSON.parse(matrixJson(batch, rows)).cells).toHaveLength(4);
  });

  it('embeds every cell’s image in the HTML report and escapes text', () => {
    const images = new Map([1, 2].map((n) => [`/api/images/out${n}`, `data:image/png;base64,IMG${n}`]));
    const html = htmlReport(batch, rows, images, { batch: { ...batch, name: 'earlier' }, rows });
    for (const c of batch.cells) expect(html).toContain(`data-cell="${c.id}"`);
    expect(html.match(/<figure /g)).toHaveLength(4);
    expect(html).toContain('src="data:image/png;base64,IMG1"');
    expect(html).toContain('src="data:image/png;base64,IMG2"');
    expect(html).toContain('Doors &lt;test&gt;');
    expect(html).toContain('a red, &quot;old&quot; door');
    expect(html).toContain('flagged NSFW');
    expect(html).toContain('compared with earlier');
    expect(html).not.toMatch(/src="\/api/);
  });
});
