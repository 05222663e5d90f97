import type { Batch, ProviderInfo } from '@maskfill/server/contract';
import { batchApi } from './batchApi.ts';
import { htmlReport, matrixCsv, matrixJson, matrixRows } from './report.ts';

function save(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

async function dataUri(url: string): Promise<string> {
  const blob = await (await fetch(url)).blob();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

const fileBase = (b: Batch) => `maskfill-qa-${b.createdAt.slice(0, 19).replace(/[:T]/g, '-')}`;

export type ExportKind = 'html' | 'csv' | 'json';

/** Downloads the batch as a self-contained HTML report, or its matrix as CSV/JSON. */
export async function exportBatch(kind: ExportKind, batch: Batch, providers: ProviderInfo[]): Promise<void> {
  const rows = matrixRows(batch, providers);
  if (kind === 'csv') return save(`${fileBase(batch)}.csv`, 'text/csv', matrixCsv(rows));
  if (kind === 'json') return save(`${fileBase(batch)}.json`, 'application/json', matrixJson(batch, rows));
  const earlierBatch = batch.rerunOf ? await batchApi.get(batch.rerunOf).catch(() => null) : null;
  const earlier = earlierBatch
    ? { batch: earlierBatch, rows: matrixRows(earlierBatch, providers) }
    : undefined;
  const urls = new Set([...rows, ...(earlier?.rows ?? [])].map((r) => r.output).filter((u) => u !== ''));
  const images = new Map<string, string>();
  for (const url of urls) images.set(url, await dataUri(url));
  save(`${fileBase(batch)}.html`, 'text/html', htmlReport(batch, rows, images, earlier));
}
