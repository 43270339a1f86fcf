/**
 * An independent client checks the simulator: a minimal TypeScript port of
 * how Adafruit's CircuitPython `adafruit_fingerprint` library (repository
 * adafruit/Adafruit_CircuitPython_Fingerprint, adafruit_fingerprint.py) talks
 * to the module, driving the simulator over a real pty. It shares no code
 * with our driver or codec, so a simulator that only agrees with our own
 * driver's reading of the protocol would fail here.
 *
 * Upstream behaviours mirrored, quirks included:
 * - `_get_packet(expected)` reads a FIXED number of bytes per command (12 for
 *   a bare ack, 14 for TempleteNum and Match, 16 for Search, 28 for
 *   ReadSysPara, 44 for ReadConList), never checks the checksum, and insists
 *   on the start code, our address and PID 07. So the module must send
 *   full-length replies even on failure (Match cc 08 still carries a score,
 *   Search cc 09 still carries page and score).
 * - `_get_data(9)` reads a 9-byte header, then LEN − 2 content bytes and 2
 *   checksum bytes (unchecked), recursing until PID 08; any packet size works.
 * - `_send_data` cuts the payload into packets of the size code read by
 *   `read_sysparam` (it keeps the raw code, 0..3, and the raw baud N), with
 *   `range(len // size)` so a partial last packet would be dropped. Its end
 *   packet checksum is computed with the right PID as fixed upstream in PR #47
 *   (earlier versions summed PID 02 for the end packet, which real modules
 *   reject).
 * - `finger_fast_search` uses HighSpeedSearch (1B), which is not in every
 *   datasheet; both searches read the capacity from ReadSysPara first and
 *   pass it as the page count.
 * - `read_templates` calls ReadConList for ceil(capacity / 256) index pages.
 * - `verify_password` then `read_sysparam` at construction, as `__init__` does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPtyPair, type PtyPair } from '../transport/ptyPair';
import { openSerialTransport } from '../transport/serial';
import type { ByteTransport } from '../transport/types';
import { FingerprintSimulator } from './simulator';
import type { VirtualFinger } from '../../common/fingerprint/fingers';

const OK = 0x00;
const NOFINGER = 0x02;
const NOTFOUND = 0x09;
const STARTCODE = 0xef01;

/** CircuitPython's `busio.UART.read(n)`: up to n bytes, or fewer when its timeout passes. */
class Uart {
  #buffer: number[] = [];
  #wake: (() => void) | undefined;

  constructor(
    private readonly port: ByteTransport,
    private readonly timeoutMs = 1000,
  ) {
    port.onData((chunk) => {
      this.#buffer.push(...chunk);
      this.#wake?.();
    });
  }

  async read(count: number): Promise<number[]> {
    const deadline = Date.now() + this.timeoutMs;
    while (this.#buffer.length < count && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now());
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.#buffer.splice(0, count);
  }

  write(bytes: number[]): Promise<void> {
    return this.port.write(Uint8Array.from(bytes));
  }
}

const unpackWord = (bytes: number[], at: number): number => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);

class AdafruitFingerprint {
  address = [0xff, 0xff, 0xff, 0xff];
  libraryCapacity = 0;
  dataPacketSize = 0;
  baudrate = 0;
  securityLevel = 0;
  systemId = 0;
  statusRegister = 0;
  templateCount = 0;
  templates: number[] = [];
  fingerId = 0;
  confidence = 0;

  constructor(
    private readonly uart: Uart,
    private readonly password: number[] = [0, 0, 0, 0],
  ) {}

  async init(): Promise<void> {
    if ((await this.verifyPassword()) !== OK) throw new Error('Failed to find sensor, check wiring!');
    if ((await this.readSysparam()) !== OK) throw new Error('Failed to read system parameters!');
  }

  async verifyPassword(): Promise<number> {
    await this.sendPacket([0x13, ...this.password]);
    return (await this.getPacket(12))[0] ?? -1;
  }

  async readSysparam(): Promise<number> {
    await this.sendPacket([0x0f]);
    const r = await this.getPacket(28);
    if (r[0] !== OK) throw new Error('Command failed.');
    this.statusRegister = unpackWord(r, 1);
    this.systemId = unpackWord(r, 3);
    this.libraryCapacity = unpackWord(r, 5);
    this.securityLevel = unpackWord(r, 7);
    this.dataPacketSize = unpackWord(r, 13);
    this.baudrate = unpackWord(r, 15);
    return r[0];
  }

  async setSysparam(param: number, value: number): Promise<number> {
    await this.sendPacket([0x0e, param, value]);
    const r = await this.getPacket(12);
    if (r[0] !== OK) throw new Error('Command failed.');
    if (param === 4) this.baudrate = value;
    if (param === 6) this.dataPacketSize = value;
    return r[0];
  }

  async getImage(): Promise<number> {
    await this.sendPacket([0x01]);
    return (await this.getPacket(12))[0] ?? -1;
  }

  async image2Tz(slot = 1): Promise<number> {
    await this.sendPacket([0x02, slot]);
    return (await this.getPacket(12))[0] ?? -1;
  }

  async createModel(): Promise<number> {
    await this.sendPacket([0x05]);
    return (await this.getPacket(12))[0] ?? -1;
  }

  async storeModel(location: number, slot = 1): Promise<number> {
    await this.sendPacket([0x06, slot, location >> 8, location & 0xff]);
    return (await this.getPacket(12))[0] ?? -1;
  }

  async loadModel(location: number, slot = 1): Promise<number> {
    await this.sendPacket([0x07, slot, location >> 8, location & 0xff]);
    return (await this.getPacket(12))[0] ?? -1;
  }

  async deleteModel(location: number): Promise<number> {
    await this.sendPacket([0x0c, location >> 8, location & 0xff, 0x00, 0x01]);
    return (await this.getPacket(12))[0] ?? -1;
  }

  async emptyLibrary(): Promise<number> {
    await this.sendPacket([0x0d]);
    return (await this.getPacket(12))[0] ?? -1;
  }

  async countTemplates(): Promise<number> {
    await this.sendPacket([0x1d]);
    const r = await this.getPacket(14);
    this.templateCount = unpackWord(r, 1);
    return r[0] ?? -1;
  }

  async readTemplates(): Promise<number> {
    this.templates = [];
    await this.readSysparam();
    let last = [0x0c];
    for (let page = 0; page < Math.ceil(this.libraryCapacity / 256); page += 1) {
      await this.sendPacket([0x1f, page]);
      const r = await this.getPacket(44);
      if (r[0] === OK) {
        for (let i = 0; i < 32; i += 1) {
          const byte = r[i + 1] ?? 0;
          for (let bit = 0; bit < 8; bit += 1) if (byte & (1 << bit)) this.templates.push(i * 8 + bit + page * 256);
        }
        last = r;
      }
    }
    return last[0] ?? -1;
  }

  async fingerFastSearch(): Promise<number> {
    return this.search(0x1b);
  }

  async fingerSearch(): Promise<number> {
    return this.search(0x04);
  }

  private async search(instruction: number): Promise<number> {
    await this.readSysparam();
    const capacity = this.libraryCapacity;
    await this.sendPacket([instruction, 0x01, 0x00, 0x00, capacity >> 8, capacity & 0xff]);
    const r = await this.getPacket(16);
    this.fingerId = unpackWord(r, 1);
    this.confidence = unpackWord(r, 3);
    return r[0] ?? -1;
  }

  async compareTemplates(): Promise<number> {
    await this.sendPacket([0x03]);
    const r = await this.getPacket(14);
    this.confidence = unpackWord(r, 1);
    return r[0] ?? -1;
  }

  async setLed(color = 1, mode = 3, speed = 0x80, cycles = 0): Promise<number> {
    await this.sendPacket([0x35, mode, speed, color, cycles]);
    return (await this.getPacket(12))[0] ?? -1;
  }

  async getFpdata(sensorbuffer: 'char' | 'image' = 'char', slot = 1): Promise<number[]> {
    await this.sendPacket(sensorbuffer === 'image' ? [0x0a] : [0x08, slot === 1 || slot === 2 ? slot : 2]);
    if ((await this.getPacket(12))[0] !== 0) return [];
    return this.getData(9);
  }

  async sendFpdata(data: number[], slot = 1): Promise<boolean> {
    await this.sendPacket([0x09, slot === 1 || slot === 2 ? slot : 2]);
    if ((await this.getPacket(12))[0] === 0) await this.sendData(data);
    return true;
  }

  private async getPacket(expected: number): Promise<number[]> {
    const res = await this.uart.read(expected);
    if (res.length !== expected) throw new Error('Failed to read data from sensor');
    if (unpackWord(res, 0) !== STARTCODE) throw new Error('Incorrect packet data');
    if (res.slice(2, 6).some((b, i) => b !== this.address[i])) throw new Error('Incorrect address');
    if (res[6] !== 0x07) throw new Error('Incorrect packet data');
    const length = unpackWord(res, 7);
    return res.slice(9, 9 + (length - 2));
  }

  private async getData(expected: number): Promise<number[]> {
    const reply: number[] = [];
    for (let header = await this.uart.read(expected); ; header = await this.uart.read(expected)) {
      if (header.length !== expected) throw new Error('Failed to read data from sensor');
      if (unpackWord(header, 0) !== STARTCODE) throw new Error('Incorrect packet data');
      if (header.slice(2, 6).some((b, i) => b !== this.address[i])) throw new Error('Incorrect address');
      const packetType = header[6];
      const length = unpackWord(header, 7);
      if (packetType !== 0x02 && packetType !== 0x08) throw new Error('Incorrect packet data');
      reply.push(...(await this.uart.read(length - 2)));
      await this.uart.read(2); // checksum, unchecked upstream
      if (packetType === 0x08) return reply;
    }
  }

  private async sendPacket(data: number[]): Promise<void> {
    const length = data.length + 2;
    const body = [0x01, length >> 8, length & 0xff, ...data];
    const checksum = body.reduce((sum, b) => sum + b, 0);
    await this.uart.write([STARTCODE >> 8, STARTCODE & 0xff, ...this.address, ...body, (checksum >> 8) & 0xff, checksum & 0xff]);
  }

  private async sendData(data: number[]): Promise<void> {
    const size = [32, 64, 128, 256][this.dataPacketSize] ?? 32;
    let left = data.length;
    for (let i = 0; i < Math.floor(data.length / size); i += 1) {
      const chunk = data.slice(i * size, (i + 1) * size);
      left -= size;
      const pid = left <= 0 ? 0x08 : 0x02;
      const length = chunk.length + 2;
      const checksum = pid + (length >> 8) + (length & 0xff) + chunk.reduce((sum, b) => sum + b, 0);
      await this.uart.write([STARTCODE >> 8, STARTCODE & 0xff, ...this.address, pid, length >> 8, length & 0xff, ...chunk, (checksum >> 8) & 0xff, checksum & 0xff]);
    }
  }
}

const frank: VirtualFinger = { personId: 'frank', finger: 'rightMiddle' };
const grace: VirtualFinger = { personId: 'grace', finger: 'leftRing' };

let pair: PtyPair | undefined;
const ports: ByteTransport[] = [];
let simulator: FingerprintSimulator | undefined;

async function connectAdafruitClient(): Promise<{ finger: AdafruitFingerprint; module: FingerprintSimulator }> {
  pair = await createPtyPair();
  const host = await openSerialTransport({ path: pair.a, baudRate: 57600, noModemLines: true });
  const device = await openSerialTransport({ path: pair.b, baudRate: 57600, noModemLines: true });
  ports.push(host, device);
  simulator = new FingerprintSimulator();
  simulator.attach(device);
  const finger = new AdafruitFingerprint(new Uart(host));
  await finger.init();
  return { finger, module: simulator };
}

afterEach(async () => {
  await simulator?.unplug();
  for (const port of ports.splice(0)) if (port.isOpen) await port.close();
  await pair?.close();
  pair = undefined;
});

/** The upstream examples' loop: poll get_image until a finger is on the glass. */
async function imageInto(finger: AdafruitFingerprint, slot: number): Promise<void> {
  let code = await finger.getImage();
  while (code === NOFINGER) code = await finger.getImage();
  expect(code).toBe(OK);
  expect(await finger.image2Tz(slot)).toBe(OK);
}

describe('an independent client (Adafruit CircuitPython behaviour) against the simulator over a pty', () => {
  it('connects: the password check and system parameters read as upstream expects', async () => {
    const { finger } = await connectAdafruitClient();
    expect([finger.libraryCapacity, finger.securityLevel, finger.dataPacketSize, finger.baudrate, finger.systemId]).toEqual([
      1000, 3, 2, 6, 9,
    ]);
  });

  it('enrols a finger, lists it, and finds it with both searches', async () => {
    const { finger, module } = await connectAdafruitClient();
    module.placeFinger(frank);
    await imageInto(finger, 1);
    await imageInto(finger, 2);
    expect(await finger.createModel()).toBe(OK);
    expect(await finger.storeModel(1, 1)).toBe(OK);
    expect(await finger.countTemplates()).toBe(OK);
    expect(finger.templateCount).toBe(1);
    expect(await finger.readTemplates()).toBe(OK);
    expect(finger.templates).toEqual([1]);

    await imageInto(finger, 1);
    expect(await finger.fingerSearch()).toBe(OK);
    expect(finger.fingerId).toBe(1);
    expect(await finger.fingerFastSearch()).toBe(OK);
    expect(finger.fingerId).toBe(1);

    module.placeFinger(grace);
    await imageInto(finger, 1);
    expect(await finger.fingerSearch()).toBe(NOTFOUND);
  });

  it('matches 1:1 against a loaded model, and up/downloads templates', async () => {
    const { finger, module } = await connectAdafruitClient();
    module.enrolDirectly(3, frank);
    expect(await finger.loadModel(3, 2)).toBe(OK);
    module.placeFinger(frank);
    await imageInto(finger, 1);
    expect(await finger.compareTemplates()).toBe(OK);
    expect(finger.confidence).toBeGreaterThan(0);

    const template = await finger.getFpdata('char', 1);
    expect(template).toHaveLength(512);
    expect(await finger.sendFpdata(template, 2)).toBe(true);
    expect(await finger.compareTemplates()).toBe(OK);
    expect(finger.confidence).toBe(100);
    expect(await finger.storeModel(4, 2)).toBe(OK);
    expect(Array.from(module.storedTemplate(4) ?? [])).toEqual(template);

    expect(await finger.deleteModel(3)).toBe(OK);
    expect(await finger.readTemplates()).toBe(OK);
    expect(finger.templates).toEqual([4]);
    expect(await finger.emptyLibrary()).toBe(OK);
    expect(await finger.countTemplates()).toBe(OK);
    expect(finger.templateCount).toBe(0);
  });

  it('downloads the image after raising the baud rate, as upstream users do for speed', async () => {
    const { finger, module } = await connectAdafruitClient();
    expect(await finger.setLed(2, 1)).toBe(OK);
    expect(await finger.setSysparam(4, 12)).toBe(OK); // 115200: the image is 3.2 s of line time
    expect(module.baudRate).toBe(115_200);
    module.placeFinger(grace);
    expect(await finger.getImage()).toBe(OK);
    const image = await finger.getFpdata('image');
    expect(image).toHaveLength(36_864);
    expect(new Set(image).size).toBeGreaterThan(16);
  }, 15_000);
});
