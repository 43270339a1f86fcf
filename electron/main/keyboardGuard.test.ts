import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';

vi.mock('electron', async () => (await import('./testing/fakeElectron')).electronModule);

const { FakeEvent, FakeWebContents, asElectron, keyInput, resetElectronFake } = await import('./testing/fakeElectron');
const { guardKeyboard, guardZoom, isSwallowedKey } = await import('./keyboardGuard');
const { recordingLog } = await import('./testing/recordingLog');

function pressed(contents: InstanceType<typeof FakeWebContents>, input: ReturnType<typeof keyInput>): boolean {
  const event = new FakeEvent();
  contents.emit('before-input-event', event, input);
  return event.defaultPrevented;
}

describe('the keyboard guard on a webContents', () => {
  let contents: InstanceType<typeof FakeWebContents>;
  beforeEach(() => {
    resetElectronFake();
    contents = new FakeWebContents();
    guardKeyboard(asElectron<WebContents>(contents), recordingLog());
  });

  it.each([
    ['Ctrl+R (reload)', keyInput('r', { control: true })],
    ['Cmd+R (reload)', keyInput('r', { meta: true })],
    ['Ctrl+Shift+R (hard reload)', keyInput('R', { control: true, shift: true })],
    ['F5 (reload)', keyInput('F5')],
    ['Ctrl+F5 (hard reload)', keyInput('F5', { control: true })],
    ['Ctrl+Shift+I (devtools)', keyInput('I', { control: true, shift: true })],
    ['Ctrl+Shift+J (console)', keyInput('J', { control: true, shift: true })],
    ['Ctrl+Shift+C (inspector)', keyInput('C', { control: true, shift: true })],
    ['Cmd+Alt+I (devtools on a Mac)', keyInput('ˆ', { meta: true, alt: true }, 'KeyI')],
    ['F12 (devtools)', keyInput('F12')],
    ['Ctrl++ (zoom in)', keyInput('+', { control: true, shift: true }, 'Equal')],
    ['Ctrl+= (zoom in)', keyInput('=', { control: true }, 'Equal')],
    ['Ctrl+- (zoom out)', keyInput('-', { control: true }, 'Minus')],
    ['Ctrl+0 (zoom reset)', keyInput('0', { control: true }, 'Digit0')],
    ['Ctrl+numpad + (zoom in)', keyInput('+', { control: true }, 'NumpadAdd')],
    ['Ctrl+W (close)', keyInput('w', { control: true })],
    ['Ctrl+Q (quit)', keyInput('q', { control: true })],
    ['Alt+F4 (close)', keyInput('F4', { alt: true })],
    ['Ctrl+P (print)', keyInput('p', { control: true })],
    ['Ctrl+N (new window)', keyInput('n', { control: true })],
    ['Alt+Left (back)', keyInput('ArrowLeft', { alt: true })],
    ['BrowserBack', keyInput('BrowserBack')],
  ])('%s is swallowed', (_name, input) => {
    expect(pressed(contents, input)).toBe(true);
  });

  it.each(Array.from({ length: 24 }, (_, i) => `F${i + 1}`))('%s is swallowed', (key) => {
    expect(pressed(contents, keyInput(key))).toBe(true);
  });

  it.each([
    ['a letter', keyInput('a')],
    ['an Arabic letter', keyInput('ب', {}, 'KeyF')],
    ['a digit', keyInput('7', {}, 'Digit7')],
    ['Enter', keyInput('Enter')],
    ['Backspace', keyInput('Backspace')],
    ['Escape', keyInput('Escape')],
    ['Ctrl+C (copy)', keyInput('c', { control: true })],
    ['Ctrl+V (paste)', keyInput('v', { control: true })],
    ['Ctrl+Z (undo)', keyInput('z', { control: true })],
    ['Ctrl+Shift+Z (redo)', keyInput('Z', { control: true, shift: true })],
    ['Ctrl+A (select all)', keyInput('a', { control: true })],
    ['Ctrl+Backspace (delete a word)', keyInput('Backspace', { control: true })],
    ['AltGr+Q typing "@"', keyInput('@', { control: true, alt: true }, 'KeyQ')],
  ])('%s reaches the page', (_name, input) => {
    expect(pressed(contents, input)).toBe(false);
  });

  it('swallows the key-up of a swallowed chord too', () => {
    expect(pressed(contents, { ...keyInput('F5'), type: 'keyUp' })).toBe(true);
  });
});

describe('isSwallowedKey', () => {
  it('judges a Ctrl chord by the physical key when a layout renames it', () => {
    // Ctrl+Shift+I on an Arabic layout reports the Arabic letter as key.
    expect(isSwallowedKey(keyInput('ه', { control: true, shift: true }, 'KeyI'))).toBe(true);
  });
});

describe('the zoom guard', () => {
  it('pins pinch and Ctrl+wheel zoom at 1:1', () => {
    const contents = new FakeWebContents();
    guardZoom(asElectron<WebContents>(contents));
    expect(contents.visualZoomLimits).toEqual([1, 1]);
  });

  it('puts the zoom back when something changes it', () => {
    const contents = new FakeWebContents();
    guardZoom(asElectron<WebContents>(contents));
    contents.zoomLevel = 3;
    contents.emit('zoom-changed', new FakeEvent(), 'in');
    expect(contents.zoomLevel).toBe(0);
  });

  it('pins the zoom again after every load', () => {
    const contents = new FakeWebContents();
    guardZoom(asElectron<WebContents>(contents));
    contents.visualZoomLimits = null;
    contents.emit('did-finish-load');
    expect(contents.visualZoomLimits).toEqual([1, 1]);
  });
});
