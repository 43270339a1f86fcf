import { expect, it } from 'vitest';
import { CAPTURE_FORMAT as CENTRAL_FORMAT } from '../../../../common/wire/citizen';
import { CAPTURE_FORMAT, packageCapture } from './capturePackage';

it('packages a template as base64 under the format the central side knows, and wipes the bytes it was given', () => {
  expect(CAPTURE_FORMAT).toBe(CENTRAL_FORMAT);
  const template = Uint8Array.from({ length: 512 }, (_, i) => i & 0xff);
  const pkg = packageCapture(template, 75, 'reader-1', new Date('2026-01-02T03:04:05Z'));
  expect(pkg).toMatchObject({ format: 'synthetic-minutiae-v1', quality: 75, deviceId: 'reader-1', capturedAt: '2026-01-02T03:04:05.000Z' });
  expect(Buffer.from(pkg.template, 'base64')).toHaveLength(512);
  expect(template.every((byte) => byte === 0)).toBe(true);
});
