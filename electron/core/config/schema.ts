import { z } from 'zod';
import { defaultSessionTimings, demoBranding } from '../../../common/demo/kioskDefaults';
import { cardSlotConfigSchema, fingerprintConfigSchema, magstripeConfigSchema, printerConfigSchema } from '../devices/config';

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

const port = z.number().int().min(1).max(65_535);

/**
 * Bank-ATM mode (`mode: "atm"`): where the ATM's XFS4IoT services and the
 * bank host are, and how the PIN is taken. Read only in ATM mode.
 */
const atmConfig = z
  .object({
    /**
     * The ATM's XFS4IoT service publisher: `url` (ws://…/xfs4iot/v1.0/), or
     * else `host` with the ports to try (null: the mandated 80, 443, 5846–5856).
     */
    publisher: z
      .object({
        url: z.string().regex(/^wss?:\/\/[^\s]+$/, 'a ws:// or wss:// URL').nullable(),
        host: z.string().min(1).max(253),
        ports: z.array(port).min(1).max(16).nullable(),
      })
      .strict(),
    /** The bank host that checks PIN blocks and vouches for the card holder's ID; `caFile` is the CA its TLS certificate chains to. */
    bankHost: z.object({ url: z.string().url().nullable(), caFile: z.string().min(1).nullable() }).strict(),
    /** ISO 9564 format the EPP enciphers the PIN in: 0 (TDES) or 4 (AES); the bank's choice. */
    pinBlockFormat: z.enum(['iso0', 'iso4']),
    pinLength: z
      .object({ min: z.number().int().min(4).max(12), max: z.number().int().min(4).max(12) })
      .strict()
      .refine((length) => length.min <= length.max, 'pinLength.min is more than pinLength.max'),
    /** How long a person has to take the card back before the ATM keeps it. */
    takeTimeoutMs: z.number().int().min(1_000).max(120_000),
    /** The ATM receipt printer's paper: 576 dots (80 mm) or 384 (58 mm); receipts are drawn at this width. */
    receiptWidthDots: z.union([z.literal(576), z.literal(384)]),
    /** Demo only: run a simulated ATM and bank host in-process and use them instead of `publisher` and `bankHost`. */
    simulated: z.boolean(),
  })
  .strict();

/**
 * The agency's signed apt repository. apt checks every index against the key in
 * `keyring` alone (Signed-By), so a repository signed with any other key, or
 * unsigned, is refused whatever the URL.
 */
export const updatesConfigSchema = z
  .object({
    repository: z.string().regex(/^https?:\/\/[^\s]+$/),
    suite: z.string().regex(/^[A-Za-z0-9.+_-]{1,64}$/).default('stable'),
    component: z.string().regex(/^[A-Za-z0-9.+_-]{1,64}$/).default('main'),
    keyring: z.string().regex(/^\/[^\s]+$/).default('/usr/share/keyrings/kiosk-archive-keyring.gpg'),
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
        /** The receipt printer: `{path, baudRate, noModemLines, widthDots}` (576 for 80 mm paper, 384 for 58 mm). */
        printer: printerConfigSchema.nullable(),
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
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
        /** The on-disk log ring (data dir/logs) the uploadLogs command sends: files kept and bytes each. */
        ring: z.object({ files: z.number().int().min(1).max(16), fileBytes: z.number().int().min(4096).max(16 * 1024 * 1024) }).strict().optional(),
      })
      .strict(),
    atm: atmConfig,
    /** Where kiosk-update.service takes new versions of the kiosk package from (electron/core/updates/updater.ts); absent: no updates. */
    updates: updatesConfigSchema.optional(),
    /** Maintenance diagnostics: when the retain bin is nearly full, and how often the readiness report runs by itself (null: on demand only). */
    diagnostics: z
      .object({
        retainBinWarnAt: z.number().int().min(1).max(10_000),
        readinessEveryMinutes: z.number().int().min(1).max(7 * 24 * 60).nullable(),
        /** Printed on the receipt printer when the schedule runs it (on demand, the technician chooses). */
        printScheduled: z.boolean(),
      })
      .strict(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.mode === 'atm' && !config.atm.simulated && !config.atm.bankHost.url) {
      ctx.addIssue({ code: 'custom', path: ['atm', 'bankHost', 'url'], message: 'ATM mode needs the bank host that checks PINs' });
    }
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
      if (config.atm.simulated) {
        ctx.addIssue({ code: 'custom', path: ['atm', 'simulated'], message: 'production never runs a simulated ATM or bank host' });
      }
      if (config.mode === 'atm') productionAtmChecks(config.atm, ctx);
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
export type AtmConfig = z.infer<typeof atmConfig>;

/** Loopback hosts: where the lab's simulators and the demo's bank host listen, never a bank's. */
const LOOPBACK = /^(localhost|127(\.[0-9]{1,3}){3}|\[::1\])$/i;

/**
 * A production ATM talks to its bank over TLS it was provisioned to trust,
 * never to the demo's loopback bank host. (The XFS4IoT publisher is the
 * ATM's own machine, so loopback is right for it.)
 */
function productionAtmChecks(atm: AtmConfig, ctx: z.RefinementCtx): void {
  const url = atm.bankHost.url ? new URL(atm.bankHost.url) : null;
  if (url && url.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', path: ['atm', 'bankHost', 'url'], message: 'production reaches the bank host over https only' });
  }
  if (url && LOOPBACK.test(url.hostname)) {
    ctx.addIssue({ code: 'custom', path: ['atm', 'bankHost', 'url'], message: 'production never uses a bank host on this machine (the demo’s simulated one)' });
  }
  if (!atm.bankHost.caFile) {
    ctx.addIssue({ code: 'custom', path: ['atm', 'bankHost', 'caFile'], message: 'production trusts only the bank host CA it was provisioned with' });
  }
}

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
  atm: {
    publisher: { url: null, host: 'localhost', ports: null },
    bankHost: { url: null, caFile: null },
    pinBlockFormat: 'iso0',
    pinLength: { min: 4, max: 12 },
    takeTimeoutMs: 30_000,
    receiptWidthDots: 576,
    simulated: false,
  },
  diagnostics: { retainBinWarnAt: 40, readinessEveryMinutes: null, printScheduled: false },
};
