/**
 * The contract as the renderer (and everyone) imports it: procedure names and
 * types, events, errors, the client. No zod here or in anything it imports —
 * the schemas are the core's (./serve), so the renderer's bundle stays small
 * and needs no zod settings under the CSP. withoutZod.test.ts holds to that.
 */
export * from './devices';
export * from './session';
export * from './services';
export * from './journeys';
export * from './receipts';
export * from './maintenance';
export * from './catalogue';
export * from './atm';
export * from './snapshot';
export * from './noInput';
export * from './errors';
export * from './procedures';
export * from './events';
export * from './channel';
export { maxMessageBytes } from './envelope';
export * from './client';
export * from './bridge';
export * from './devDock';
export * from './devDockLab';
export * from './devDockAtm';
export * from './devDockPrinter';
export * from './diagnostics';
export * from './atmTechnicianPin';
