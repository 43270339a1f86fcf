// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { sleep } from '../../../common/time';
import { ScreenNarrator } from './narrator';
import type { SpeechEngine, Utterance } from './speechEngine';

/** A page as KioskApp draws it: the screen in <main>, the demo operator's dock beside it. */
function drawPage(): void {
  document.documentElement.lang = 'en';
  document.body.innerHTML = `
    <main><section data-testid="screen-journey" data-step="activate.fingerprint.capturing">
      <header><h1>Place your finger</h1><p>Use the reader on the right.</p></header>
      <div class="journey-panel"><p role="status" id="guidance">Place your finger</p></div>
    </section></main>
    <aside data-dev-dock><p role="status" id="dock-sms">SMS to 05X: code 4821</p><div role="alert" id="dock-alert">Code 4821 sent</div></aside>`;
}

function narrate(): { narrator: ScreenNarrator; log: (Utterance | 'cancel')[] } {
  const log: (Utterance | 'cancel')[] = [];
  const engine: SpeechEngine = { speak: (u) => log.push(u), cancel: () => log.push('cancel'), hasVoiceFor: () => true, onVoicesChanged: () => () => undefined };
  const narrator = new ScreenNarrator(engine, (key, params) => (params ? `${key} ${Object.values(params).join('/')}` : key), document);
  return { narrator, log };
}

const texts = (log: (Utterance | 'cancel')[]) => log.filter((u): u is Utterance => u !== 'cancel').map((u) => u.text);

afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('lang');
});

describe('the narrator', () => {
  it('turned on, says so and says the screen; a status already there is part of it, a change to it is said', () => {
    drawPage();
    const { narrator, log } = narrate();
    narrator.configure({ enabled: true, volume: 3 });
    expect(log).toEqual([
      'cancel',
      { text: 'speech.on', lang: 'en-US', volume: 0.6 },
      { text: 'Place your finger. Use the reader on the right.', lang: 'en-US', volume: 0.6 },
    ]);
    document.getElementById('guidance')!.textContent = 'Press a little harder';
    narrator.scan();
    expect(texts(log).at(-1)).toBe('Press a little harder');
  });

  it('never reads the demo operator\'s dock, whose SMS list shows codes', () => {
    drawPage();
    const { narrator, log } = narrate();
    narrator.configure({ enabled: true, volume: 3 });
    document.getElementById('dock-sms')!.textContent = 'SMS to 05X: code 9911';
    document.getElementById('dock-alert')!.textContent = 'Code 9911 sent';
    narrator.scan();
    expect(texts(log).join(' ')).not.toMatch(/4821|9911/);
  });

  it('a dialog that opens stops what is being said and is said itself', () => {
    drawPage();
    const { narrator, log } = narrate();
    narrator.configure({ enabled: true, volume: 3 });
    document.body.insertAdjacentHTML('beforeend', '<div role="alertdialog" aria-labelledby="dt"><h2 id="dt">Do you need more time?</h2></div>');
    narrator.scan();
    narrator.scan();
    expect(log.slice(-2)).toEqual(['cancel', { text: 'Do you need more time?', lang: 'en-US', volume: 0.6 }]);
  });

  it('off, says nothing and echoes nothing; without an engine it does nothing at all', () => {
    drawPage();
    const { narrator, log } = narrate();
    narrator.scan();
    narrator.echo('', '1', false);
    expect(log).toEqual([]);
    const mute = new ScreenNarrator(null, (key) => key, document);
    expect(mute.available).toBe(false);
    mute.configure({ enabled: true, volume: 3 });
    mute.echo('', '1', false);
    mute.scan();
  });

  it('watches the page itself: a new step is said without being asked', async () => {
    drawPage();
    const { narrator, log } = narrate();
    narrator.configure({ enabled: true, volume: 5 });
    narrator.observe(document.documentElement);
    const screen = document.querySelector('[data-testid="screen-journey"]')!;
    screen.setAttribute('data-step', 'activate.terms');
    screen.querySelector('h1')!.textContent = 'Terms of use';
    await sleep(0);
    expect(log.slice(-2)).toEqual(['cancel', { text: 'Terms of use. Use the reader on the right.', lang: 'en-US', volume: 1 }]);
    narrator.disconnect();
  });

  it('an inquiry drawn inside the signed-in step: each of its steps is said, even under the same title (loading, result, failure)', () => {
    document.documentElement.lang = 'en';
    const draw = (step: string, intro: string) => {
      document.body.innerHTML = `
        <main><section data-testid="screen-journey" data-step="signIn.home">
          <div data-testid="service-screen" data-speech-step="visaStatus.${step}">
            <header><h1>Exit/re-entry visa status</h1><p>${intro}</p></header>
          </div>
        </section></main>`;
    };
    draw('loading', 'Asking the portal…');
    const { narrator, log } = narrate();
    narrator.configure({ enabled: true, volume: 5 });
    draw('result', 'Here is the result of your inquiry.');
    narrator.scan();
    expect(texts(log).at(-1)).toBe('Exit/re-entry visa status. Here is the result of your inquiry.');
    draw('failed', 'The portal cannot be reached now.');
    narrator.scan();
    expect(texts(log).at(-1)).toBe('Exit/re-entry visa status. The portal cannot be reached now.');
    // The same step again is not said twice.
    const said = texts(log).length;
    narrator.scan();
    expect(texts(log)).toHaveLength(said);
  });
});
