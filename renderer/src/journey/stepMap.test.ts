import { describe, expect, it } from 'vitest';
import { journeyServices } from '../contract';
import { stepMap, stepScreenOf } from './stepMap';

/*
 * The core's state list is read from its source at test time only: the
 * renderer bundle never imports electron/core (see eslint.config.js), and a
 * path held in a variable keeps both the bundler and vue-tsc out of it.
 */
const stateListPath = new URL('../../../electron/core/journeys/stateList.ts', import.meta.url).pathname;
const { journeyStates } = (await import(/* @vite-ignore */ stateListPath)) as { journeyStates(service: string): string[] };

describe('the journey step map', () => {
  for (const service of journeyServices) {
    it(`gives every ${service} state a screen`, () => {
      const states = journeyStates(service);
      expect(states.length).toBeGreaterThan(10);
      const missing = states.filter((step) => stepScreenOf(step) === null);
      expect(missing).toEqual([]);
    });

    it(`names no ${service} state the machine does not have`, () => {
      const states = new Set(journeyStates(service).map((step) => step.slice(service.length + 1)));
      expect(Object.keys(stepMap[service]).filter((path) => !states.has(path))).toEqual([]);
    });
  }

  it('draws errors of a lost answer and a card handed back on their own screens', () => {
    expect(stepScreenOf('activate.code.checking.unavailable')).toBe('centralError');
    expect(stepScreenOf('activate.activated.returningCard')).toBe('cardReturn');
    expect(stepScreenOf('signIn.signedIn')).toBe('signedInHome');
    expect(stepScreenOf('nowhere.id')).toBeNull();
  });
});
