import { describe, expect, it } from 'vitest';
import { FakeSpeechSynthesis, FakeUtterance } from '../../test/fakeSpeech';
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
