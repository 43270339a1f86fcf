import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { createLogger } from '../log';
import { StatusReporter } from './statusReporter';

it('logs and pushes only status changes', () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const log = createLogger({ level: 'info', destination });
  const reporter = new StatusReporter('cardSlot', 'offline', log);
  const pushed: string[] = [];
  reporter.onChange((_device, status) => pushed.push(status));
  for (const status of ['offline', 'online', 'online', 'busy', 'online', 'online'] as const) reporter.set(status, 'connected');
  expect(pushed).toEqual(['online', 'busy', 'online']);
  expect(lines).toHaveLength(3);
  expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ event: 'device.status', device: 'cardSlot', status: 'online', previous: 'offline' });
});
