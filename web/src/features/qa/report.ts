import type { Batch, BatchCell, ProviderInfo } from '@maskfill/server/contract';
import { estimateCost } from '../../lib/cost.ts';

/** One row of the exported matrix. */
export interface MatrixRow {
  cell: string;
  prompt: string;
  seed: number;
  provider: string;
  status: string;
  /** Start of the provider call to its result, in ms (queue wait excluded). */
  latencyMs: number | null;
  /** From the request to the result, in ms (includes waiting for the provider's limits). */
  totalMs: number | null;
  costUsd: number | null;
  costNote: string;
  nsfw: boolean;
  mark: string;
  note: string;
  output: string;
  error: string;
}

const ms = (from?: string, to?: string): number | null =>
  from && to ? new Date(to).getTime() - new Date(from).getTime() : null;

export function matrixRows(batch: Batch, providers: ProviderInfo[]): MatrixRow[] {
  return batch.cells.map((c) => {
    const job = c.job;
    const out = job?.outputs[0];
    const info = providers.find((p) => p.id === c.provider);
    const cost = info && out ? estimateCost(info, out, 1) : null;
    return {
      cell: c.id,
      prompt: c.prompt,
      seed: c.seed,
      provider: c.provider,
      status: job?.status ?? 'deleted',
      latencyMs: ms(job?.startedAt, job?.finishedAt),
      totalMs: ms(job?.createdAt, job?.finishedAt),
      costUsd: cost?.kind === 'usd' ? Number(cost.usd.toFixed(6)) : cost?.kind === 'free' ? 0 : null,
      costNote: cost?.kind === 'plan' ? cost.detail : '',
      nsfw: job?.outputs.some((o) => o.nsfw) ?? false,
      mark: c.mark ?? '',
      note: c.note,
      output: out?.url ?? '',
      error: job?.error?.message ?? '',
    };
  });
}

const COLUMNS: (keyof MatrixRow)[] = [
  'cell',
  'prompt',
  'seed',
  'provider',
  'status',
  'latencyMs',
  'totalMs',
  'costUsd',
  'costNote',
  'nsfw',
  'mark',
  'note',
  'output',
  'error',
];

/** RFC 4180: quote every field that holds a comma, quote or line break; double inner quotes. */
const csvField = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function matrixCsv(rows: MatrixRow[]): string {
  return (
    [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((k) => csvField(r[k])).join(','))].join('\r\n') +
    '\r\n'
  );
}

export function matrixJson(batch: Batch, rows: MatrixRow[]): string {
  const { id, name, createdAt, rerunOf, request } = batch;
  return JSON.stringify({ batch: { id, name, createdAt, rerunOf, request }, cells: rows }, null, 2);
}

const esc = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

/**
 * A self-contained HTML report: every cell with its image embedded as a data URI (`images` maps output
 * urls to data URIs), its parameters, timing and mark; the earlier run's image beside it when given.
 */
export function htmlReport(
  batch: Batch,
  rows: MatrixRow[],
  images: ReadonlyMap<string, string>,
  earlier?: { batch: Batch; rows: MatrixRow[] },
): string {
  const before = (c: BatchCell) => earlier?.rows[batch.cells.indexOf(c)];
  const img = (url: string, alt: string) => {
    const src = images.get(url);
    return src ? `<img src="${src}" alt="${esc(alt)}">` : `<div class="missing">no image</div>`;
  };
  const cells = batch.cells
    .map((c, i) => {
      const r = rows[i]!;
      const prev = before(c);
      const markClass = r.mark ? ` ${r.mark}` : '';
      return `<figure class="cell${markClass}" data-cell="${c.id}">
  <div class="imgs">${img(r.output, `${r.prompt} / ${r.seed}`)}${
    prev ? `<div class="earlier"><span>earlier run</span>${img(prev.output, 'earlier run')}</div>` : ''
  }</div>
  <figcaption><b>${esc(r.prompt || '(no prompt)')}</b><br>${esc(r.provider)} · seed ${r.seed} · ${esc(r.status)}${
    r.latencyMs !== null ? ` · ${(r.latencyMs / 1000).toFixed(1)} s` : ''
  }${r.nsfw ? ' · <em>flagged NSFW</em>' : ''}${r.mark ? `<br><strong>${r.mark.toUpperCase()}</strong>` : ''}${
    r.note ? ` ${esc(r.note)}` : ''
  }${r.error ? `<br><span class="err">${esc(r.error)}</span>` : ''}</figcaption>
</figure>`;
    })
    .join('\n');
  const passed = rows.filter((r) => r.mark === 'pass').length;
  const failed = rows.filter((r) => r.mark === 'fail').length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(batch.name)} — maskfill QA report</title>
<style>
body{font:14px system-ui,sans-serif;background:#111;color:#ddd;margin:24px}
h1{font-size:20px}.grid{display:grid;grid-template-columns:repeat(${Math.max(
    1,
    batch.request.seeds.length * batch.request.providers.length,
  )},minmax(200px,1fr));gap:12px}
.cell{margin:0;border:2px solid #333;border-radius:8px;padding:8px;background:#1a1a1a}
.cell.pass{border-color:#16a34a}.cell.fail{border-color:#dc2626}
.imgs{display:flex;gap:6px}.imgs img{width:100%;height:auto;display:block;border-radius:4px}
.earlier{position:relative;flex:1}.earlier span{position:absolute;top:4px;left:4px;font-size:11px;background:#000a;padding:1px 4px}
.missing{padding:40px;text-align:center;color:#666}.err{color:#f87171}figcaption{margin-top:6px;line-height:1.4}
</style></head><body>
<h1>${esc(batch.name)}</h1>
<p>Created ${esc(batch.createdAt)} · ${rows.length} cells · ${passed} pass · ${failed} fail${
    earlier ? ` · compared with ${esc(earlier.batch.name)} (${esc(earlier.batch.createdAt)})` : ''
  }</p>
<div class="grid">
${cells}
</div>
</body></html>
`;
}
