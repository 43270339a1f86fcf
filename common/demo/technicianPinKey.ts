/**
 * TEST ONLY: the demo technician PIN key (AES-128, ISO 9564 format 4), which
 * the lab's simulated EPP holds under the name `PINKEY_MAINT` and the demo
 * central deciphers technicians' PIN blocks with. A production EPP gets its
 * technician key in the operator's key ceremony and central holds it in its
 * HSM; this one is public, so central's production profile refuses it.
 */
export const DEMO_TECHNICIAN_PIN_KEY_HEX = '2B7E151628AED2A6ABF7158809CF4F3C';
