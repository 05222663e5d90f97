import type { Job } from '@maskfill/server/contract';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { reproduceCurl, reproduceRequest, shellQuote } from './reproduce.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const job: Job = {
  id: 'j1',
  provider: 'fal',
  status: 'succeeded',
  revision: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  request: {
    provider: 'fal',
    imageId: A,
    maskId: B,
    prompt: "a dog's hat",
    seeds: [11, 22],
    numVariations: 2,
    size: { width: 1024, height: 768 },
    options: { safety_tolerance: '2' },
  },
  outputs: [
    { imageId: A, url: `/api/images/${A}`, seed: 11, width: 1024, height: 768 },
    { imageId: B, url: `/api/images/${B}`, seed: 22, width: 1024, height: 768 },
  ],
};

describe('reproduce', () => {
  it('keeps the request but only the chosen output’s seed', () => {
    expect(reproduceRequest(job, job.outputs[1]!)).toEqual({
      provider: 'fal',
      imageId: A,
      maskId: B,
      prompt: "a dog's hat",
      size: { width: 1024, height: 768 },
      options: { safety_tolerance: '2' },
      seeds: [22],
    });
  });

  it('quotes for the shell so the JSON survives any prompt', () => {
    const curl = reproduceCurl('http://localhost:8787', job, job.outputs[0]!);
    expect(
      curl.startsWith(
        "curl -X POST 'http://localhost:8787/api/fills' -H 'Content-Type: application/json' -d '",
      ),
    ).toBe(true);
    // What a shell hands to curl as the -d argument is exactly the JSON.
    const arg = execFileSync('sh', ['-c', `printf %s ${curl.slice(curl.indexOf(' -d ') + 4)}`]).toString();
    expect(JSON.parse(arg)).toEqual(reproduceRequest(job, job.outputs[0]!));
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});
