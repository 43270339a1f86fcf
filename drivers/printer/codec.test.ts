import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnsFor, encodeJob } from './codec';
import { CommandParser, type PrinterCommand, RealTimeScanner } from './commands';
import { type Raster, blankRaster, setBlack } from './raster';

function testRaster(width: number, height: number, seed = 1): Raster {
  const raster = blankRaster(width, height);
  let state = seed;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      if (state % 3 === 0) setBlack(raster, x, y);
    }
  }
  return raster;
}

function parseAll(bytes: Uint8Array, cuts: number[] = []): PrinterCommand[] {
  const parser = new CommandParser();
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const commands: PrinterCommand[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    commands.push(...parser.push(bytes.slice(from, point)));
    from = point;
  }
  expect(parser.pendingBytes).toBe(0);
  return commands;
}

/** Text runs split across chunks are joined again, so two parses can be compared. */
function normalised(commands: PrinterCommand[]): unknown[] {
  const out: PrinterCommand[] = [];
  for (const command of commands) {
    const last = out.at(-1);
    if (command.type === 'text' && last?.type === 'text') out[out.length - 1] = { type: 'text', bytes: Uint8Array.from([...last.bytes, ...command.bytes]) };
    else out.push(command);
  }
  return out;
}

describe('encodeJob (receipt-printer-encoder, raster mode)', () => {
  it('a receipt is ESC @, GS v 0 bands carrying exactly the raster rows, the cut, then GS r 1', () => {
    const raster = testRaster(576, 300);
    const bytes = encodeJob([{ type: 'raster', raster }], { widthDots: 576 });
    expect([...bytes.slice(0, 2)]).toEqual([0x1b, 0x40]);
    expect([...bytes.slice(-3)]).toEqual([0x1d, 0x72, 0x01]);
    const commands = parseAll(bytes);
    expect(commands.filter((c) => c.type === 'unknown')).toEqual([]);
    const bands = commands.filter((c) => c.type === 'raster');
    // 300 rows padded to 304 (a multiple of 8), in bands of at most 255 rows.
    expect(bands.map((band) => band.height)).toEqual([255, 49]);
    expect(bands.every((band) => band.mode === 0 && band.widthBytes === 72)).toBe(true);
    const rows = Uint8Array.from(bands.flatMap((band) => [...band.data]));
    expect(rows.slice(0, 300 * 72)).toEqual(raster.bits);
    expect(rows.slice(300 * 72).every((byte) => byte === 0)).toBe(true);
    const cutAt = commands.findIndex((c) => c.type === 'cut');
    expect(commands[cutAt]).toEqual({ type: 'cut', partial: false, feedFirst: 0 });
    expect(commands.findIndex((c) => c.type === 'transmitStatus')).toBeGreaterThan(cutAt);
    // Never column mode (ESC *).
    expect(commands.some((c) => c.type === 'unknown' || (c.type === 'raster' && c.mode !== 0))).toBe(false);
  });

  it('58 mm paper: 32 columns, 48-byte rows; a raster wider than the paper is a programmer error', () => {
    expect(columnsFor(384)).toBe(32);
    const commands = parseAll(encodeJob([{ type: 'raster', raster: testRaster(384, 20) }], { widthDots: 384, cut: 'partial' }));
    expect(commands.find((c) => c.type === 'raster')).toMatchObject({ widthBytes: 48, height: 24 });
    expect(commands.find((c) => c.type === 'cut')).toMatchObject({ partial: true });
    expect(() => encodeJob([{ type: 'raster', raster: testRaster(576, 8) }], { widthDots: 384 })).toThrow(RangeError);
  });

  it('the test page (printer text, sizes, bold, a QR code) parses into known commands only', () => {
    const bytes = encodeJob(
      [
        { type: 'text', text: 'TEST PAGE', align: 'center', bold: true, size: 2 },
        { type: 'text', text: 'Kiosk K-0001' },
        { type: 'qr', data: 'https://portal.example.sa/', moduleSize: 5 },
        { type: 'feed', lines: 2 },
      ],
      { widthDots: 576 },
    );
    const commands = parseAll(bytes);
    expect(commands.filter((c) => c.type === 'unknown')).toEqual([]);
    expect(commands).toContainEqual({ type: 'size', width: 2, height: 2 });
    expect(commands).toContainEqual({ type: 'bold', on: true });
    const qr = commands.filter((c) => c.type === 'qr');
    expect(qr.map((c) => c.fn)).toEqual([65, 67, 69, 80, 81]);
    expect(new TextDecoder().decode(qr[3]?.params.subarray(1))).toBe('https://portal.example.sa/');
    expect(() => encodeJob([{ type: 'text', text: 'تم' }], { widthDots: 576 })).toThrow(RangeError);
  });

  it('parses the same commands however the bytes are cut into chunks', () => {
    const bytes = encodeJob([{ type: 'text', text: 'Hello', bold: true }, { type: 'raster', raster: testRaster(576, 40, 7) }, { type: 'qr', data: 'x' }], { widthDots: 576 });
    const whole = normalised(parseAll(bytes));
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        expect(normalised(parseAll(bytes, cuts))).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on noise, and consumes it', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (noise) => {
        const parser = new CommandParser();
        parser.push(noise);
        // A trailing partial command may wait for more, but never more than a header's worth unless a raster was announced.
        expect(parser.pendingBytes).toBeLessThanOrEqual(noise.length);
      }),
    );
  });
});

describe('RealTimeScanner', () => {
  it('finds DLE EOT n wherever it sits, inside image data too, and across chunks', () => {
    const scanner = new RealTimeScanner();
    expect(scanner.push(Uint8Array.of(0x1d, 0x76, 0x30, 0x00, 0x01, 0x00, 0x03, 0x00, 0x10))).toEqual([]);
    expect(scanner.push(Uint8Array.of(0x04, 0x02, 0x10, 0x04, 0x09))).toEqual([{ type: 'status', n: 2 }]);
    expect(scanner.push(Uint8Array.of(0x10, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08))).toEqual([{ type: 'clearBuffers' }]);
  });
});
