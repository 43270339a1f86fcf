import { describe, expect, it } from 'vitest';
import type { Component } from 'vue';
import { ATM_SCREENS } from '../atm/atmScreens';
import { STEP_SCREENS } from '../journey/stepMap';
import { fileStem, screenTable } from './screenTable';

const steps = import.meta.glob<Component>('../journey/steps/*Step.vue', { eager: true, import: 'default' });
const atmScreens = import.meta.glob<Component>('../atm/screens/Atm*Screen.vue', { eager: true, import: 'default' });

describe('each screen drawn by the component its file name gives', () => {
  it('every journey step screen and every ATM screen has its component (none would draw blank)', () => {
    const journey = screenTable(steps, STEP_SCREENS, (screen) => `../journey/steps/${fileStem(screen)}Step.vue`);
    expect(Object.keys(journey).sort()).toEqual([...STEP_SCREENS].sort());
    expect(journey.signedInHome).toBe(steps['../journey/steps/SignedInHomeStep.vue']);
    const atm = screenTable(atmScreens, ATM_SCREENS, (screen) => `../atm/screens/Atm${fileStem(screen)}Screen.vue`);
    expect(atm.takeCard).toBe(atmScreens['../atm/screens/AtmTakeCardScreen.vue']);
  });

  it('a screen whose file is missing stops the table being built, naming the screen and the file', () => {
    expect(() => screenTable(steps, [...STEP_SCREENS, 'receiptPreview'], (screen) => `../journey/steps/${fileStem(screen)}Step.vue`)).toThrow(
      'no component draws the screen "receiptPreview": ../journey/steps/ReceiptPreviewStep.vue is missing',
    );
  });
});
