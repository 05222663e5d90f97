import type { Method, Row } from './run.ts';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Markdown tables: per size × mask kind the median over photos of each method's PSNR / SSIM / texture /
 * seconds / MB, then ours against the anchors as paired medians (per-photo differences and ratios).
 */
export function summarise(rows: Row[], methods: Method[]): string {
  const groups = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${r.size} ${r.kind}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const lines = [
    `| size · mask | ${methods.map((m) => `${m}: PSNR / SSIM / tex / s / MB`).join(' | ')} |`,
    `|---|${methods.map(() => '---').join('|')}|`,
  ];
  const paired = [
    "| size · mask | n | ΔPSNR vs Telea (dB) | ΔSSIM vs G'MIC | time ours/G'MIC | cpu ours/G'MIC |",
    '|---|---|---|---|---|---|',
  ];
  for (const [key, rs] of groups) {
    const cells = methods.map((m) => {
      const mr = rs.filter((r) => r.method === m);
      const f = (g: (r: Row) => number, d: number) => median(mr.map(g)).toFixed(d);
      return `${f((r) => r.metrics.psnr, 2)} / ${f((r) => r.metrics.ssim, 3)} / ${f((r) => r.metrics.texture, 2)} / ${f((r) => r.seconds, 2)} / ${f((r) => r.maxRssMb, 0)}`;
    });
    lines.push(`| ${key} | ${cells.join(' | ')} |`);
    const ours = rs.filter((r) => r.method === 'ours');
    const pair = (m: Method, g: (a: Row, b: Row) => number) => {
      const xs = ours.flatMap((o) => {
        const b = rs.find((r) => r.method === m && r.photo === o.photo);
        return b ? [g(o, b)] : [];
      });
      return xs.length ? median(xs) : NaN;
    };
    paired.push(
      `| ${key} | ${ours.length} | ${pair('telea', (a, b) => a.metrics.psnr - b.metrics.psnr).toFixed(2)} | ` +
        `${pair('gmic', (a, b) => a.metrics.ssim - b.metrics.ssim).toFixed(3)} | ` +
        `${pair('gmic', (a, b) => a.seconds / b.seconds).toFixed(2)} | ${pair('gmic', (a, b) => a.cpuSeconds / b.cpuSeconds).toFixed(2)} |`,
    );
  }
  return `${lines.join('\n')}\n\n${paired.join('\n')}\n`;
}
