import type { Input, WebContents } from 'electron';
import type { Log } from './log';

type KeyChord = Pick<Input, 'key' | 'code' | 'control' | 'meta' | 'shift' | 'alt'>;

const functionKey = /^F([1-9]|1[0-9]|2[0-4])$/;
const browserKeys = new Set(['BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch', 'BrowserFavorites', 'BrowserStop']);
const altNavigation = new Set(['ArrowLeft', 'ArrowRight', 'Home']);
/** Text editing is all a Ctrl/Cmd chord may do at the kiosk; Chromium has more accelerators than we could list. */
const editingLetters = new Set(['a', 'c', 'v', 'x', 'z', 'y']);
const editingKeys = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Backspace', 'Delete']);

function letterOf(chord: KeyChord): string {
  // `code` names the physical key, so Cmd+Alt+I on a Mac (key "ˆ") is still I.
  const physical = /^Key([A-Z])$/.exec(chord.code)?.[1];
  return (physical ?? chord.key).toLowerCase();
}

function isEditingChord(chord: KeyChord): boolean {
  if (editingKeys.has(chord.key)) return true;
  const letter = letterOf(chord);
  if (!editingLetters.has(letter)) return false;
  // Ctrl+Shift+C is Chromium's element inspector; Ctrl+Shift+V pastes plain text; Ctrl+Shift+Z redoes.
  return !chord.shift || letter === 'v' || letter === 'z';
}

/** AltGr arrives as Ctrl+Alt on Windows; a lone symbol it produces ("@", "€") is typing, not a command. */
function isAltGraphCharacter(chord: KeyChord): boolean {
  return chord.control && chord.alt && !chord.meta && chord.key.length === 1 && !/^[a-z0-9]$/i.test(chord.key);
}

/**
 * Reload, devtools, zoom, close, print, every function key and anything else a
 * keyboard plugged into the kiosk could use to leave the journey.
 */
export function isSwallowedKey(chord: KeyChord): boolean {
  if (functionKey.test(chord.key) || functionKey.test(chord.code)) return true;
  if (browserKeys.has(chord.key)) return true;
  if (chord.alt && altNavigation.has(chord.key)) return true;
  if (chord.control || chord.meta) return !isEditingChord(chord) && !isAltGraphCharacter(chord);
  return false;
}

export function guardKeyboard(contents: WebContents, log: Log): void {
  contents.on('before-input-event', (event, input) => {
    if (!isSwallowedKey(input)) return;
    event.preventDefault();
    if (input.type === 'keyDown' && !input.isAutoRepeat) {
      log.info({ key: input.key, control: input.control, meta: input.meta, shift: input.shift, alt: input.alt }, 'shortcut swallowed');
    }
  });
}

/** Pinch, Ctrl+wheel and keyboard zoom would all break a fixed touch layout. */
export function guardZoom(contents: WebContents): void {
  const reset = () => {
    contents.setZoomLevel(0);
    void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  };
  reset();
  contents.on('did-finish-load', reset);
  contents.on('zoom-changed', () => contents.setZoomLevel(0));
}
