import { describe, expect, it } from 'vitest';
import { fakeVoice, FakeSpeechSynthesis, FakeUtterance } from '../../test/fakeSpeech';
import { browserSpeechEngine, localVoiceFor, speechLanguageOf } from './speechEngine';
import type { SpeechWindow } from './speechEngine';

const voice = (lang: string, localService: boolean, name = `${lang}-${localService ? 'local' : 'network'}`) =>
  ({ lang, localService, name, default: false, voiceURI: name }) as SpeechSynthesisVoice;

describe('the Web Speech API as the speech engine', () => {
  it('is missing where the runtime has no speech synthesis', () => {
    expect(browserSpeechEngine({})).toBeNull();
    expect(browserSpeechEngine({ speechSynthesis: new FakeSpeechSynthesis() })).toBeNull();
  });

  it('speaks each utterance with its language and volume', () => {
    const synth = new FakeSpeechSynthesis();
    const engine = browserSpeechEngine({ speechSynthesis: synth, SpeechSynthesisUtterance: FakeUtterance } as unknown as SpeechWindow);
    engine?.speak({ text: 'مرحبا', lang: 'ar-SA', volume: 0.6 });
    engine?.cancel();
    expect(synth.log).toEqual([{ text: 'مرحبا', lang: 'ar-SA', volume: 0.6 }, null]);
  });

  it('chooses only voices on the device: a network voice would send the words away', () => {
    const voices = [voice('ar-SA', false), voice('en-US', false), voice('ar-EG', true), voice('en-GB', true)];
    expect(localVoiceFor(voices, 'ar-SA')?.name).toBe('ar-EG-local');
    expect(localVoiceFor(voices, 'en-US')?.name).toBe('en-GB-local');
    expect(localVoiceFor([voice('ar-SA', false)], 'ar-SA')).toBeNull();
    expect(localVoiceFor([voice('ar-EG', true), voice('ar-SA', true)], 'ar-SA')?.name).toBe('ar-SA-local');
  });

  it('maps the screen language to a voice language', () => {
    expect(speechLanguageOf('ar')).toBe('ar-SA');
    expect(speechLanguageOf('en')).toBe('en-US');
    expect(speechLanguageOf(null)).toBe('ar-SA');
  });
});

describe('voices on the device', () => {
  it('says nothing for a language with no on-device voice (the browser would fall back to any voice, a network one too), and says when voices change', () => {
    const synth = new FakeSpeechSynthesis();
    synth.voices = [fakeVoice('ar-SA', true), fakeVoice('en-US', false)];
    const engine = browserSpeechEngine({ speechSynthesis: synth, SpeechSynthesisUtterance: FakeUtterance } as unknown as SpeechWindow);
    expect(engine?.hasVoiceFor('ar-SA')).toBe(true);
    expect(engine?.hasVoiceFor('en-US')).toBe(false);
    engine?.speak({ text: 'Hello', lang: 'en-US', volume: 1 });
    expect(synth.said).toEqual([]);
    let changes = 0;
    const stop = engine?.onVoicesChanged(() => (changes += 1));
    synth.setVoices([fakeVoice('en-GB', true)]);
    expect(changes).toBe(1);
    expect(engine?.hasVoiceFor('en-US')).toBe(true);
    stop?.();
    synth.setVoices([]);
    expect(changes).toBe(1);
  });
});
