import { z } from 'zod';
import { defaultSessionTimings, demoBranding } from '../../../common/demo/kioskDefaults';
import { cardSlotConfigSchema, fingerprintConfigSchema, magstripeConfigSchema } from '../devices/config';

const localized = z.object({ ar: z.string().min(1), en: z.string().min(1) }).strict();

/** RULES.md "Sessions": warning after 60 s idle, ≥ 20 s countdown, ≥ 10 extensions, 10 min cap. */
const sessionTiming = z
  .object({
    idleWarningAfterMs: z.number().int().min(100).max(600_000),
    idleCountdownMs: z.number().int().min(100).max(120_000),
    extensionsAllowed: z.number().int().min(0).max(100),
    sessionCapMs: z.number().int().min(10_000).max(3_600_000),
  })
  .strict();

const serialDevice = z
  .object({
    path: z.string().min(1),
    baudRate: z.number().int().positive(),
    noModemLines: z.boolean().default(false),
  })
  .strict();

export const kioskConfigSchema = z
  .object({
    profile: z.enum(['demo', 'production']),
    mode: z.enum(['government', 'atm']),
    kioskId: z.string().regex(/^[A-Za-z0-9-]{3,40}$/),
    branding: z
      .object({
        portalName: localized,
        supportNumber: z.string().regex(/^[0-9+ ]{3,20}$/),
        supportNumberAbroad: z.string().regex(/^[0-9+ ]{3,20}$/),
      })
      .strict(),
    session: sessionTiming,
    /** Services the kiosk offers; a listed service is still hidden behind `notBuilt` until its journey exists. */
    outOfService: z.boolean(),
    devices: z
      .object({
        fingerprint: fingerprintConfigSchema.nullable(),
        cardSlot: cardSlotConfigSchema.nullable(),
        printer: serialDevice.nullable(),
        magstripe: magstripeConfigSchema.nullable(),
        /** Demo only: start the simulated lab in-process and use its devices instead of the paths above. */
        simulated: z.boolean(),
      })
      .strict(),
    central: z
      .object({
        url: z.string().url().nullable(),
        /** Demo only: run the reference central server in-process and enrol with it. */
        embedded: z.boolean(),
        /** The CA the kiosk was provisioned with (PEM file): the only one it trusts for central. */
        caFile: z.string().min(1).nullable(),
      })
      .strict(),
    /** Where the kiosk keeps its database (outbox, audit log, identity). null: a fresh folder per run (demo). */
    store: z.object({ dataDir: z.string().min(1).nullable() }).strict(),
    log: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) }).strict(),
  })
  .strict()
  .superRefine((config, ctx) => {
    // Short timings exist for tests and the demo; a production kiosk keeps the published minimums.
    if (config.profile === 'production') {
      if (config.devices.simulated) {
        ctx.addIssue({ code: 'custom', path: ['devices', 'simulated'], message: 'production never runs simulated devices' });
      }
      if (!config.store.dataDir) {
        ctx.addIssue({ code: 'custom', path: ['store', 'dataDir'], message: 'production keeps its outbox and audit log in a fixed folder' });
      }
      if (config.central.url && !config.central.caFile) {
        ctx.addIssue({ code: 'custom', path: ['central', 'caFile'], message: 'production trusts only its provisioned central CA' });
      }
      if (config.central.embedded) {
        ctx.addIssue({ code: 'custom', path: ['central', 'embedded'], message: 'production talks to the real central side, never the embedded reference server' });
      }
      if (config.session.idleWarningAfterMs < 30_000) {
        ctx.addIssue({ code: 'custom', path: ['session', 'idleWarningAfterMs'], message: 'production waits at least 30 s before the idle warning' });
      }
      if (config.session.idleCountdownMs < 20_000) {
        ctx.addIssue({ code: 'custom', path: ['session', 'idleCountdownMs'], message: 'production needs a countdown of at least 20 s' });
      }
      if (config.session.extensionsAllowed < 10) {
        ctx.addIssue({ code: 'custom', path: ['session', 'extensionsAllowed'], message: 'production allows at least 10 extensions' });
      }
    }
  });

export type KioskConfig = z.infer<typeof kioskConfigSchema>;

export const defaultConfig: KioskConfig = {
  profile: 'demo',
  mode: 'government',
  kioskId: 'KIOSK-DEMO-0001',
  branding: { ...demoBranding, portalName: { ...demoBranding.portalName } },
  session: { ...defaultSessionTimings },
  outOfService: false,
  devices: { fingerprint: null, cardSlot: null, printer: null, magstripe: null, simulated: false },
  central: { url: null, embedded: false, caFile: null },
  store: { dataDir: null },
  log: { level: 'info' },
};
