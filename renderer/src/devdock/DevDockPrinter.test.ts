// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import ar from './locales/ar.json';
import en from './locales/en.json';
import { mountDock, settle } from './testing/mountDock';

type Dock = Awaited<ReturnType<typeof mountDock>>;
let mounted: Dock | null = null;
afterEach(() => {
  mounted?.unmount();
  mounted = null;
});

describe('the dock’s receipt printer', () => {
  it('asks nothing until the dock opens, then shows the printer as the lab and the kiosk see it', async () => {
    const d = (mounted = await mountDock('en'));
    expect(d.dock.callsOf('devDockPrinterState')).toEqual([]);
    d.dock.printerState = {
      printer: { plugged: true, online: false, paper: 'out', coverOpen: true, error: null, receiptsPrinted: 3, paperOuts: 1, lastReceipt: null },
      kiosk: 'hardwareError',
    };
    await d.open();
    const panel = d.find('dev-dock-printer-state');
    expect(panel.attributes('data-paper')).toBe('out');
    expect(panel.text()).toContain(en.printer.paper.out);
    expect(panel.text()).toContain(en.printer.coverOpen);
    expect(panel.text()).toContain(en.lab.status.hardwareError);
    expect(panel.text()).toContain('Printed 3');
    expect(d.find('dev-dock-printer').text()).toContain(en.printer.nothingPrinted);
  });

  it('each fault button sends its kind and shows the state it comes back with', async () => {
    const d = (mounted = await mountDock('ar'));
    await d.open();
    expect(d.find('dev-dock-printer-fault-paperOutMidReceipt').text()).toBe(ar.printer.faults.paperOutMidReceipt);
    d.dock.printerState = { ...d.dock.printerState, printer: { ...d.dock.printerState.printer!, paper: 'out', online: false } };
    await d.find('dev-dock-printer-fault-paperOut').trigger('click');
    await settle();
    expect(d.dock.callsOf('devDockPrinterFault')).toEqual([{ kind: 'paperOut' }]);
    expect(d.find('dev-dock-printer-state').attributes('data-paper')).toBe('out');
    expect(d.find('dev-dock-notice').text()).toBe(ar.result.faultSet);
  });

  it('the last receipt: fetched once per new receipt, with its number and whether the roll cut it short', async () => {
    const d = (mounted = await mountDock('en'));
    d.dock.printerState = { ...d.dock.printerState, printer: { ...d.dock.printerState.printer!, lastReceipt: { number: 4, endedBy: 'paperOut', heightDots: 210 } } };
    d.dock.printedReceipt = { number: 4, endedBy: 'paperOut', widthDots: 576, heightDots: 210, pngBase64: 'iVBORw0KGgo=' };
    await d.open();
    const figure = d.find('dev-dock-printer-receipt');
    expect(figure.attributes('data-number')).toBe('4');
    expect(figure.attributes('data-ended-by')).toBe('paperOut');
    expect(figure.text()).toContain(en.printer.cutShort);
    expect(figure.find('canvas').attributes('aria-label')).toBe('The paper of receipt 4');
    expect(d.dock.callsOf('devDockPrinterReceipt')).toEqual([{ number: 4 }]);
  });
});
