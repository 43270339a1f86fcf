import type { ServiceDefinition } from './services';

/**
 * Bank-ATM mode (issue 12): the kiosk as the application on a bank ATM. One
 * journey, `atm`, runs from the moment a bank card goes in until it comes
 * back (or is kept): PIN on the EPP, the bank's check, then the MOI
 * e-services menu, whose two entries are the services below. The card's
 * number stays in the core; a screen sees at most its last four digits.
 */

/** The ATM journey: started by the core when a card is inserted, never by `startJourney`. */
export const atmJourneyServices = ['atm'] as const;
export type AtmJourneyService = (typeof atmJourneyServices)[number];

/**
 * The MOI e-services menu at an ATM, as `snapshot.services` lists it in ATM
 * mode (available or not, and why). The person picks one with
 * `{type: 'CHOOSE_SERVICE', service}` at the `atm.menu` step.
 */
export const atmServiceCatalogue = [
  /** Activate the portal account of the card holder's ID: pending_bank now, active with an SMS later. */
  { id: 'atmActivate', group: 'account', needsCentral: true, needsDevices: ['cardSlot', 'pinPad'] },
  /** The account-activation status of the card holder's ID, in words. */
  { id: 'atmStatus', group: 'account', needsCentral: true, needsDevices: ['cardSlot', 'pinPad'] },
] as const satisfies readonly ServiceDefinition[];

export type AtmServiceId = (typeof atmServiceCatalogue)[number]['id'];
/** The menu's ids as a tuple, for the core's schema (atm.test.ts holds it to the catalogue). */
export const atmServiceIds = ['atmActivate', 'atmStatus'] as const satisfies readonly AtmServiceId[];

/**
 * The keys an ATM screen is worked with, as the core reports them: the eight
 * function display keys beside the screen (fdk01–fdk04 down its left edge,
 * fdk05–fdk08 down its right) and the EPP's Enter, Cancel and Clear. Never a
 * digit: the EPP's digit keys are not active while a screen waits for a choice.
 */
export const atmNavigationKeys = ['fdk01', 'fdk02', 'fdk03', 'fdk04', 'fdk05', 'fdk06', 'fdk07', 'fdk08', 'enter', 'cancel', 'clear'] as const;
export type AtmNavigationKey = (typeof atmNavigationKeys)[number];
export type AtmFdk = Extract<AtmNavigationKey, `fdk${string}`>;

/** The newest key press beside the screen (`snapshot.atmKey`), numbered so a screen acts on each press once. */
export interface AtmKeyPress {
  /** Counts up with every press this core has seen. */
  seq: number;
  key: AtmNavigationKey;
}
