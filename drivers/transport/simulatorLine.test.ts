import { expect, it } from 'vitest';
import { createMemoryPair } from './memoryPair';
import { SimulatorLine } from './simulatorLine';

function device() {
  const events: string[] = [];
  const line = new SimulatorLine(() => ({ baudRate: 115_200, bitsPerChar: 10 }), {
    plugged: () => events.push('plugged'),
    receive: (chunk) => events.push(`bytes ${[...chunk].join(',')}`),
    unplugged: () => events.push('unplugged'),
  });
  return { line, events };
}

it('hears the host while plugged, answers it, and lets go when unplugged: the port closes, nothing more arrives', async () => {
  const { line, events } = device();
  const [host, end] = createMemoryPair();
  const answers: number[] = [];
  host.onData((chunk) => answers.push(...chunk));
  line.plug(end);
  expect(line.isPlugged).toBe(true);
  await host.write(Uint8Array.of(1, 2));
  await expect.poll(() => events).toEqual(['plugged', 'bytes 1,2']);
  await line.write(Uint8Array.of(9));
  await expect.poll(() => answers).toEqual([9]);
  expect(() => line.plug(createMemoryPair()[1])).toThrow(/already plugged/);

  await line.unplug();
  expect(line.isPlugged).toBe(false);
  expect(end.isOpen).toBe(false);
  expect(events).toEqual(['plugged', 'bytes 1,2', 'unplugged']);
  // A write with no line is dropped, not an error; unplugging twice is nothing.
  await line.write(Uint8Array.of(7));
  await line.unplug();
  expect(events).toHaveLength(3);
});

it('a line the host closes is an unplug; replug is a power cycle on the new line', async () => {
  const { line, events } = device();
  const [host, end] = createMemoryPair();
  line.plug(end);
  await host.close();
  await expect.poll(() => line.isPlugged).toBe(false);
  expect(events).toEqual(['plugged', 'unplugged']);

  const [host2, end2] = createMemoryPair();
  const [host3, end3] = createMemoryPair();
  line.replug(end2);
  line.replug(end3);
  expect(line.transport).toBe(end3);
  // The line it left is not closed by a replug, and is no longer heard.
  expect(end2.isOpen).toBe(true);
  await host2.write(Uint8Array.of(5));
  await host3.write(Uint8Array.of(6));
  await expect.poll(() => events).toEqual(['plugged', 'unplugged', 'plugged', 'unplugged', 'plugged', 'bytes 6']);
});
