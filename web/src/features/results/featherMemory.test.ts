import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  loadFeathers,
  MAX_REMEMBERED,
  rememberFeather,
  saveFeathers,
  type FeatherStorage,
} from './featherMemory.ts';

const memory = (initial?: string): FeatherStorage & { value: () => string | null } => {
  let value = initial ?? null;
  return {
    getItem: () => value,
    setItem: (_k: string, v: string) => {
      value = v;
    },
    value: () => value,
  };
};

afterEach(() => {
  localStorage.clear();
  vi.resetModules();
});

describe('feather memory', () => {
  it('round-trips the chosen feathers', () => {
    const storage = memory();
    saveFeathers({ 'job-a': 0, 'job-b': 12 }, storage);
    expect(loadFeathers(storage)).toEqual({ 'job-a': 0, 'job-b': 12 });
  });

  it('keeps the most recent choices only, a re-chosen job counting as recent', () => {
    let f: Record<string, number> = {};
    for (let i = 0; i < 5; i++) f = rememberFeather(f, `job-${i}`, i, 3);
    expect(Object.keys(f)).toEqual(['job-2', 'job-3', 'job-4']);
    f = rememberFeather(f, 'job-2', 9, 3);
    f = rememberFeather(f, 'job-5', 1, 3);
    expect(f).toEqual({ 'job-4': 4, 'job-2': 9, 'job-5': 1 });
    // The default bound holds through storage too, so localStorage never grows without end.
    let many: Record<string, number> = {};
    for (let i = 0; i < MAX_REMEMBERED + 50; i++) many = rememberFeather(many, `j${i}`, i % 33);
    const storage = memory();
    saveFeathers(many, storage);
    const back = loadFeathers(storage);
    expect(Object.keys(back)).toHaveLength(MAX_REMEMBERED);
    expect(back[`j${MAX_REMEMBERED + 49}`]).toBe((MAX_REMEMBERED + 49) % 33);
    expect(back.j0).toBeUndefined();
  });

  it('keeps insertion order for ids that look like numbers', () => {
    const f = rememberFeather(rememberFeather({}, '20', 1), '3', 2);
    const storage = memory();
    saveFeathers(f, storage);
    expect(JSON.parse(storage.value()!)).toEqual([
      ['3', 2],
      ['20', 1],
    ]); // an object orders integer keys first; what matters is only which are kept
    expect(loadFeathers(storage)).toEqual({ '20': 1, '3': 2 });
  });

  it('treats unreadable or out-of-range data as nothing remembered, and survives a storage that throws', () => {
    expect(loadFeathers(memory('not json'))).toEqual({});
    expect(loadFeathers(memory(JSON.stringify([['job', 99]])))).toEqual({});
    expect(loadFeathers(memory(JSON.stringify({ job: 3 })))).toEqual({});
    expect(loadFeathers(null)).toEqual({});
    const broken: FeatherStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(loadFeathers(broken)).toEqual({});
    expect(() => saveFeathers({ job: 1 }, broken)).not.toThrow();
  });

  it('a feather set in the studio is there again after a reload (a fresh result store)', async () => {
    const first = await import('./resultStore.ts');
    expect(first.useResultStore.getState().feather).toEqual({});
    first.setFeather('job_1', 7);
    first.setFeather('job_2', 0);
    vi.resetModules();
    const second = await import('./resultStore.ts');
    expect(second.useResultStore).not.toBe(first.useResultStore);
    expect(second.useResultStore.getState().feather).toEqual({ job_1: 7, job_2: 0 });
  });
});
