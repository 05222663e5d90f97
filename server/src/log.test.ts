import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';
import { createLogger, type LogLevel } from './log.ts';

function capture(threshold: Parameters<typeof createLogger>[0]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = createLogger(threshold, { out: (l) => out.push(l), err: (l) => err.push(l) });
  for (const level of ['error', 'warn', 'info', 'debug'] as LogLevel[]) log(`a ${level} line`, level);
  log('no level given');
  return { out, err };
}

describe('createLogger', () => {
  it('prints each level up to the threshold, errors and warnings on stderr', () => {
    expect(capture('debug')).toEqual({
      out: ['[maskfill] a info line', '[maskfill] debug: a debug line', '[maskfill] no level given'],
      err: ['[maskfill] error: a error line', '[maskfill] warn: a warn line'],
    });
    expect(capture('info').out).toEqual(['[maskfill] a info line', '[maskfill] no level given']);
    expect(capture('warn')).toEqual({
      out: [],
      err: ['[maskfill] error: a error line', '[maskfill] warn: a warn line'],
    });
    expect(capture('error')).toEqual({ out: [], err: ['[maskfill] error: a error line'] });
    expect(capture('silent')).toEqual({ out: [], err: [] });
  });

  it('LOG_LEVEL takes the four levels and silent, and refuses anything else', () => {
    for (const level of ['silent', 'error', 'warn', 'info', 'debug'])
      expect(parseEnv({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    expect(() => parseEnv({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });
});
