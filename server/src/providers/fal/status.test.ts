import type { QueueStatus } from '@fal-ai/client';
import { describe, expect, it } from 'vitest';
import { isAllowedHost } from './outputs.ts';
import { LogCursor, mapQueueStatus } from './status.ts';

const urls = { request_id: 'r', response_url: '', status_url: '', cancel_url: '' };
const log = (message: string, timestamp: string) => ({ message, timestamp, level: 'INFO', source: 'USER' });

describe('mapQueueStatus', () => {
  it('reports only new log lines, whether fal sends all lines or just the latest', () => {
    const cursor = new LogCursor();
    const running = (logs: unknown[]) => ({ ...urls, status: 'IN_PROGRESS', logs }) as QueueStatus;
    expect(mapQueueStatus(running([log('a', '1')]), cursor)).toEqual({
      kind: 'pending',
      result: { state: 'running', notes: ['fal: a'] },
    });
    expect(mapQueueStatus(running([log('a', '1'), log('b', '2')]), cursor)).toMatchObject({
      result: { notes: ['fal: b'] },
    });
    expect(mapQueueStatus(running([log('c', '3')]), cursor)).toMatchObject({ result: { notes: ['fal: c'] } });
    expect(mapQueueStatus(running([log('c', '3')]), cursor)).toEqual({
      kind: 'pending',
      result: { state: 'running' },
    });
  });

  it('treats an unknown status as still running', () => {
    const odd = { ...urls, status: 'PAUSED' } as unknown as QueueStatus;
    expect(mapQueueStatus(odd, new LogCursor())).toEqual({ kind: 'pending', result: { state: 'running' } });
  });
});

describe('isAllowedHost', () => {
  it('matches host, host:port and *.domain; never other schemes', () => {
    const allowed = ['v3.fal.media', '127.0.0.1:4000', '*.fal.media'];
    expect(isAllowedHost(new URL('https://v3.fal.media/files/x.png'), allowed)).toBe(true);
    expect(isAllowedHost(new URL('https://v3b.fal.media/x'), allowed)).toBe(true);
    expect(isAllowedHost(new URL('http://127.0.0.1:4000/x'), allowed)).toBe(true);
    expect(isAllowedHost(new URL('http://127.0.0.1:4001/x'), allowed)).toBe(false);
    expect(isAllowedHost(new URL('https://fal.media.evil.com/x'), allowed)).toBe(false);
    expect(isAllowedHost(new URL('file:///etc/passwd'), ['*'])).toBe(false);
    expect(isAllowedHost(new URL('http://v3.fal.media/x.png'), allowed)).toBe(false);
  });
});
