/**
 * Local engine benchmark: every photo × size × mask kind of ../shared/bench-data, ours against OpenCV
 * Telea/NS and G'MIC PatchMatch in the same run, metrics inside the hole, contact sheets per photo.
 *
 *   npx tsx server/bench/engine/run.ts [--photos a,b] [--sizes 512,1024] [--kinds strokes,box,blob]
 *                                      [--methods ours,telea,ns,gmic] [--threads 2] [--data DIR]
 *                                      [--out /tmp/maskfill-bench]
 *
 * Installs nothing: a missing anchor is skipped with the command that installs it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import sharp from 'sharp';
import { readMask, readRgba } from './images.ts';
import { holeMetrics, type HoleMetrics } from './metrics.ts';
import { contactSheet } from './sheet.ts';
import { summarise } from './summary.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const data = resolve(args.get('data') ?? join(repo, '../shared/bench-data'));
const outDir = resolve(args.get('out') ?? '/tmp/maskfill-bench');
const manifest = JSON.parse(readFileSync(join(data, 'manifest.json'), 'utf8')) as { name: string }[];
const photos = args.get('photos')?.split(',') ?? manifest.map((m) => m.name);
const sizes = (args.get('sizes') ?? '512,1024').split(',');
const kinds = (args.get('kinds') ?? 'strokes,box,blob').split(',');
/** Threads for ours: 2, as the server gives a lone fill (--threads 1 for the one-core figure). */
const threads = args.get('threads') ?? '2';

export type Method = 'ours' | 'telea' | 'ns' | 'gmic';
export interface Row {
  photo: string;
  size: string;
  kind: string;
  method: Method;
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  metrics: HoleMetrics;
}

function available(): Method[] {
  const methods: Method[] = ['ours'];
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import cv2'], { stdio: 'ignore' });
    methods.push('telea', 'ns');
  } catch {
    console.warn('OpenCV anchors skipped: install with `apt-get install -y python3-opencv`');
  }
  try {
    execFileSync('gmic', ['-v', '-1', '-echo', 'ok'], { stdio: 'ignore' });
    methods.push('gmic');
  } catch {
    console.warn("G'MIC anchor skipped: install with `apt-get install -y gmic`");
  }
  return methods;
}

function runMethod(method: Method, image: string, mask: string, out: string) {
  if (method === 'ours') {
    const stdout = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(here, 'fillOne.ts'), image, mask, out, '1', 'auto', threads],
      {
        cwd: repo,
        encoding: 'utf8',
      },
    );
    return JSON.parse(stdout.trim().split('\n').pop()!) as {
      seconds: number;
      cpuSeconds: number;
      maxRssMb: number;
    };
  }
  if (method === 'telea' || method === 'ns') {
    const stdout = execFileSync('/usr/bin/python3', [join(here, 'anchors.py'), method, image, mask, out], {
      encoding: 'utf8',
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as {
      seconds: number;
      cpuSeconds: number;
      maxRssMb: number;
    };
  }
  // G'MIC: whole-process wall time (includes PNG load/save, about 0.1 s), default parameters, all threads.
  const timing = join(outDir, 'gmic-time.txt');
  execFileSync(
    '/usr/bin/time',
    [
      '-o',
      timing,
      '-f',
      '%e %U %S %M',
      'gmic',
      '-v',
      '-1',
      image,
      mask,
      '-inpaint_matchpatch[0]',
      '[1]',
      '-o[0]',
      out,
    ],
    {
      stdio: 'ignore',
    },
  );
  const [e, u, s, m] = readFileSync(timing, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) as [
    number,
    number,
    number,
    number,
  ];
  return { seconds: e, cpuSeconds: u + s, maxRssMb: m / 1024 };
}

const wanted = args.get('methods')?.split(',');
const methods = available().filter((m) => !wanted || wanted.includes(m));
mkdirSync(join(outDir, 'results'), { recursive: true });
mkdirSync(join(outDir, 'masks'), { recursive: true });
mkdirSync(join(outDir, 'sheets'), { recursive: true });
const rows: Row[] = [];
const header = `Run ${new Date().toISOString()} on ${cpus().length} cores (${cpus()[0]?.model ?? 'cpu'}), Node ${process.version}`;
for (const photo of photos) {
  for (const size of sizes) {
    const image = join(data, `${photo}_${size}.png`);
    if (!existsSync(image)) continue;
    const truth = await readRgba(image);
    const sheetRows: { kind: string; mask: Uint8Array; outputs: Partial<Record<Method, string>> }[] = [];
    for (const kind of kinds) {
      // One binary mask (> 127 = hole) for every method, since the 512 px masks are area-downsampled.
      const mask = join(outDir, 'masks', `${photo}_${size}_${kind}.png`);
      await sharp(join(data, `${photo}_${size}_${kind}.png`))
        .greyscale()
        .threshold(128)
        .png()
        .toFile(mask);
      const holes = await readMask(mask);
      const outputs: Partial<Record<Method, string>> = {};
      for (const method of methods) {
        const out = join(outDir, 'results', `${photo}_${size}_${kind}_${method}.png`);
        const timing = runMethod(method, image, mask, out);
        const result = await readRgba(out);
        const metrics = holeMetrics(result.rgba, truth.rgba, holes, truth.width, truth.height);
        rows.push({ photo, size, kind, method, ...timing, metrics });
        outputs[method] = out;
        console.log(
          `${photo} ${size} ${kind} ${method}: PSNR ${metrics.psnr.toFixed(2)} SSIM ${metrics.ssim.toFixed(3)} ` +
            `tex ${metrics.texture.toFixed(2)} ${timing.seconds.toFixed(2)} s (cpu ${timing.cpuSeconds.toFixed(2)} s) ${timing.maxRssMb.toFixed(0)} MB`,
        );
      }
      sheetRows.push({ kind, mask: holes, outputs });
    }
    await contactSheet(join(outDir, 'sheets', `${photo}_${size}.png`), truth, sheetRows, methods);
    // Written after every photo so a long run can be read part-way.
    writeFileSync(join(outDir, 'results.json'), JSON.stringify({ header, rows }, null, 1));
    writeFileSync(join(outDir, 'summary.md'), `${header}\n\n${summarise(rows, methods)}`);
  }
}
console.log(`\n${header}\n\n${summarise(rows, methods)}\nwrote ${outDir}/results.json, summary.md, sheets/`);
