import { describe, expect, it } from 'vitest';
import { isProduction } from './profile';

describe('isProduction', () => {
  it('is production when packaged, whatever the environment says', () => {
    expect(isProduction({ isPackaged: true, env: { KIOSK_PROFILE: 'demo' } })).toBe(true);
  });

  it('is production unpackaged when KIOSK_PROFILE says so', () => {
    expect(isProduction({ isPackaged: false, env: { KIOSK_PROFILE: 'production' } })).toBe(true);
  });

  it('is not production unpackaged without the profile', () => {
    expect(isProduction({ isPackaged: false, env: {} })).toBe(false);
  });
});
