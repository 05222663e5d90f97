import type { Env } from './env.ts';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
/** The server's one log function: a message (never a secret) and its level, `info` when not given. */
export type Log = (msg: string, level?: LogLevel) => void;

const RANK: Record<Env['LOG_LEVEL'], number> = { silent: 0, error: 1, warn: 2, info: 3, debug: 4 };

export interface LogSink {
  out(line: string): void;
  err(line: string): void;
}

const consoleSink: LogSink = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/**
 * LOG_LEVEL is a threshold: `warn` prints errors and warnings, `debug` everything. Errors and warnings go
 * to stderr, the rest to stdout; each line says its level so a log file can be filtered.
 */
export function createLogger(threshold: Env['LOG_LEVEL'], sink: LogSink = consoleSink): Log {
  const max = RANK[threshold];
  return (msg, level = 'info') => {
    if (RANK[level] > max) return;
    const line = `[maskfill] ${level === 'info' ? '' : `${level}: `}${msg}`;
    if (level === 'error' || level === 'warn') sink.err(line);
    else sink.out(line);
  };
}
