import { describe, expect, it } from 'vitest';
import { RateWindow } from './rateWindow.ts';

describe('RateWindow', () => {
  it('admits N requests per sliding minute and says how long to wait', () => {
    const w = new RateWindow(2);
    expect(w.take(0)).toBe(true);
    expect(w.take(10_000)).toBe(true);
    expect(w.take(20_000)).toBe(false);
    expect(w.waitMs(20_000)).toBe(40_000);
    expect(w.take(59_999)).toBe(false);
    expect(w.take(60_000)).toBe(true); // the first request left the window
    expect(w.waitMs(60_000)).toBe(10_000);
    expect(w.take(70_000)).toBe(true);
    expect(w.waitMs(70_000)).toBe(50_000);
  });
});
