import { describe, expect, it } from 'vitest';
import { debugFlagsIn, debugRefusalMessage, findDebugFlags } from './debugFlags';

const electron = '/opt/kiosk/kiosk';

describe('findDebugFlags', () => {
  it.each([
    ['--inspect'],
    ['--inspect=0.0.0.0:9229'],
    ['--inspect-brk'],
    ['--inspect-brk=9229'],
    ['--inspect-port=9229'],
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-pipe'],
    ['--js-flags=--allow-natives-syntax'],
    ['-remote-debugging-port=9222'],
    ['--REMOTE-DEBUGGING-PORT=9222'],
  ])('finds %s', (flag) => {
    expect(findDebugFlags([electron, flag, 'out/main/index.js'])).toEqual([flag.split('=')[0]]);
  });

  it('finds nothing in an ordinary launch', () => {
    expect(findDebugFlags([electron, '--no-sandbox-not-really', 'out/main/index.js', '--lang=ar'])).toEqual([]);
  });

  it('does not mistake a path for a switch', () => {
    expect(findDebugFlags([electron, '/home/inspect/app'])).toEqual([]);
  });

  it('stops at "--", after which nothing is a switch', () => {
    expect(findDebugFlags([electron, '--', '--inspect'])).toEqual([]);
  });
});

describe('debugFlagsIn', () => {
  const none = { argv: [electron], execArgv: [], nodeOptions: undefined, hasChromiumSwitch: () => false };

  it('looks in execArgv', () => {
    expect(debugFlagsIn({ ...none, execArgv: ['--inspect-brk'] })).toEqual(['--inspect-brk']);
  });

  it('looks in NODE_OPTIONS', () => {
    expect(debugFlagsIn({ ...none, nodeOptions: '--max-old-space-size=512 --inspect' })).toEqual(['--inspect']);
  });

  it("trusts Chromium's own parse of its switches", () => {
    expect(debugFlagsIn({ ...none, hasChromiumSwitch: (name) => name === 'remote-debugging-port' })).toEqual(['--remote-debugging-port']);
  });

  it('names each flag once in the refusal', () => {
    const flags = debugFlagsIn({ ...none, argv: [electron, '--inspect'], execArgv: ['--inspect'] });
    expect(debugRefusalMessage(flags)).toMatch(/refusing to start in production.*--inspect\)/);
  });
});
