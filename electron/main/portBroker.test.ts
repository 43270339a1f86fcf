import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { bridgeChannels } from '../contract/bridge';

vi.mock('electron', async () => (await import('./testing/fakeElectron')).electronModule);

const { FakeMessageChannelMain, FakeUtilityProcess, FakeWebContents, FakeWebFrame, resetElectronFake } = await import('./testing/fakeElectron');
const { superviseCore } = await import('./coreSupervisor');
const { startPortBroker } = await import('./portBroker');
const { recordingLog } = await import('./testing/recordingLog');

type Contents = InstanceType<typeof FakeWebContents>;

function setUp() {
  const kioskContents = new FakeWebContents();
  kioskContents.mainFrame.url = 'app://kiosk/index.html';
  const core = superviseCore({ entry: '/core.js', log: recordingLog(), restartBackoff: { baseMs: 100, capMs: 100, jitter: 'none' } });
  const broker = startPortBroker({ core, isKioskContents: (c: WebContents) => (c as unknown) === kioskContents, log: recordingLog() });
  core.start();
  const child = () => {
    const forked = FakeUtilityProcess.forked.at(-1);
    if (!forked) throw new Error('no core');
    return forked;
  };
  return { kioskContents, core, broker, child };
}

function portsSentTo(contents: Contents) {
  return contents.postMessage.mock.calls.filter(([channel]) => channel === bridgeChannels.port);
}

describe('the port broker', () => {
  beforeEach(() => {
    resetElectronFake();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('gives the kiosk page one end of a channel and the core the other', () => {
    const { kioskContents, child } = setUp();
    child().spawned();
    kioskContents.sendToMain(bridgeChannels.hello);
    const channel = FakeMessageChannelMain.created[0];
    expect(child().postMessage).toHaveBeenCalledWith({ type: 'renderer-port' }, [channel?.port1]);
    expect(kioskContents.postMessage).toHaveBeenCalledWith(bridgeChannels.port, null, [channel?.port2]);
  });

  it('connects the two ends to each other', async () => {
    const { kioskContents, child } = setUp();
    child().spawned();
    kioskContents.sendToMain(bridgeChannels.hello);
    const [, [corePort]] = child().postMessage.mock.calls[0] as [unknown, [InstanceType<typeof FakeMessageChannelMain>['port1']]];
    const [, , [rendererPort]] = portsSentTo(kioskContents)[0] as [string, null, [typeof corePort]];
    const received = vi.fn();
    corePort.on('message', received);
    rendererPort.postMessage('{"t":"q"}');
    await Promise.resolve();
    expect(received).toHaveBeenCalledWith({ data: '{"t":"q"}', ports: [] });
  });

  it('ignores a hello from a subframe', () => {
    const { kioskContents, child } = setUp();
    child().spawned();
    const iframe = new FakeWebFrame('app://kiosk/index.html', kioskContents.mainFrame);
    kioskContents.sendToMain(bridgeChannels.hello, iframe);
    expect(FakeMessageChannelMain.created).toHaveLength(0);
    expect(portsSentTo(kioskContents)).toHaveLength(0);
  });

  it('ignores a hello from another origin', () => {
    const { kioskContents, child } = setUp();
    child().spawned();
    kioskContents.mainFrame.url = 'https://example.com/';
    kioskContents.sendToMain(bridgeChannels.hello);
    expect(portsSentTo(kioskContents)).toHaveLength(0);
  });

  it('ignores a hello from another app:// host', () => {
    const { kioskContents, child } = setUp();
    child().spawned();
    kioskContents.mainFrame.url = 'app://evil/index.html';
    kioskContents.sendToMain(bridgeChannels.hello);
    expect(portsSentTo(kioskContents)).toHaveLength(0);
  });

  it('ignores a hello whose frame is already gone', () => {
    const { kioskContents, child } = setUp();
    child().spawned();
    kioskContents.sendToMain(bridgeChannels.hello, null);
    expect(portsSentTo(kioskContents)).toHaveLength(0);
  });

  it('ignores a hello from a top-level frame that is not the main frame (e.g. a fenced frame)', () => {
    const { kioskContents, child } = setUp();
    child().spawned();
    kioskContents.sendToMain(bridgeChannels.hello, new FakeWebFrame('app://kiosk/index.html'));
    expect(portsSentTo(kioskContents)).toHaveLength(0);
  });

  it('ignores a hello from a webContents that is not the kiosk window', () => {
    const { child } = setUp();
    child().spawned();
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = 'app://kiosk/index.html';
    stranger.sendToMain(bridgeChannels.hello);
    expect(portsSentTo(stranger)).toHaveLength(0);
  });

  it('connects a page that said hello while the core was still starting, once it is up', () => {
    const { kioskContents, child } = setUp();
    kioskContents.sendToMain(bridgeChannels.hello);
    expect(portsSentTo(kioskContents)).toHaveLength(0);
    child().spawned();
    expect(portsSentTo(kioskContents)).toHaveLength(1);
  });

  it('sends the page a fresh port after a core restart', () => {
    const { kioskContents, child } = setUp();
    child().spawned();
    kioskContents.sendToMain(bridgeChannels.hello);
    child().exited(1);
    vi.advanceTimersByTime(100);
    child().spawned();
    const sent = portsSentTo(kioskContents);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.[2]?.[0]).toBe(FakeMessageChannelMain.created[1]?.port2);
    expect(child().postMessage).toHaveBeenCalledWith({ type: 'renderer-port' }, [FakeMessageChannelMain.created[1]?.port1]);
  });

  it('does not send a port to a page destroyed before the restart', () => {
    const { kioskContents, child } = setUp();
    child().spawned();
    kioskContents.sendToMain(bridgeChannels.hello);
    kioskContents.destroy();
    child().exited(1);
    vi.advanceTimersByTime(100);
    child().spawned();
    expect(portsSentTo(kioskContents)).toHaveLength(1);
  });

  it('gives a reloaded page a new port when it says hello again', () => {
    const { kioskContents, child } = setUp();
    child().spawned();
    kioskContents.sendToMain(bridgeChannels.hello);
    kioskContents.sendToMain(bridgeChannels.hello);
    expect(portsSentTo(kioskContents)).toHaveLength(2);
  });

  it('stops answering once disposed', () => {
    const { kioskContents, child, broker } = setUp();
    child().spawned();
    broker.dispose();
    kioskContents.sendToMain(bridgeChannels.hello);
    expect(portsSentTo(kioskContents)).toHaveLength(0);
  });
});
