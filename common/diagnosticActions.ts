/** The tests that need a technician (a finger, a card, an eye on the LED or the paper): the maintenance screen's and the CLI's. */
export const TECHNICIAN_TESTS = [
  'fingerprint.testCapture',
  'fingerprint.ledTest',
  'cardSlot.readTest',
  'cardSlot.eject',
  'cardSlot.retainTest',
  'cardSlot.binEmptied',
  'printer.testPage',
] as const;

/** What a technician did that central hears of (telemetry `diagnostics.action`): the tests, and a dead letter retried or discarded. */
export const DIAGNOSTIC_ACTIONS = [...TECHNICIAN_TESTS, 'deadLetter.retry', 'deadLetter.discard'] as const;
