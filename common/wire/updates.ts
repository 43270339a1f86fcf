import { z } from 'zod';

/**
 * Software updates (issue 16, item 4): which version of the kiosk's Debian
 * package each kiosk should run, and the steps the kiosk's updater reports.
 * The package comes from the agency's signed apt repository; central only
 * names versions.
 */

/** A Debian version as the kiosk package uses them: [epoch:]upstream[-revision], no spaces. */
export const debVersionSchema = z
  .string()
  .regex(/^(\d+:)?[0-9][A-Za-z0-9.+~]*(-[A-Za-z0-9.+~]+)?$/)
  .max(64)
  .meta({ id: 'DebVersion', description: 'A Debian package version of the kiosk package, e.g. 1.4.2 or 1:1.4.2-1.' });

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

export const maintenanceWindowSchema = z
  .object({
    start: clockTime.describe('HH:MM, local time at the kiosk (see utcOffsetMinutes).'),
    end: clockTime.describe('HH:MM; before start means the window runs past midnight. Equal to start: all day.'),
    utcOffsetMinutes: z.number().int().min(-720).max(840).default(0).describe('The kiosks’ local time, e.g. 180 for UTC+3.'),
  })
  .strict()
  .meta({ id: 'MaintenanceWindow' });
export type MaintenanceWindow = z.infer<typeof maintenanceWindowSchema>;

/**
 * Rollout rings. `version` is what every kiosk runs; while `canary` is set, the
 * kiosks whose id hashes into its first `percent` of 100 buckets run
 * `canary.version` instead. "Then all": set `version` to the canary's and drop it.
 */
export const rolloutSchema = z
  .object({
    version: debVersionSchema.nullable().describe('The version every kiosk outside the canary runs (null: leave them as they are).'),
    canary: z
      .object({ version: debVersionSchema, percent: z.number().int().min(0).max(100) })
      .strict()
      .nullable()
      .describe('The canary ring: this share of the fleet, chosen by a stable hash of the kiosk id, runs this version.'),
    maintenanceWindow: maintenanceWindowSchema.describe('An update is installed only inside this window, and only while no customer is being served.'),
    healthDeadlineSeconds: z.number().int().min(30).max(3600).default(300).describe('A new version must report healthy within this time, or the previous one is reinstalled.'),
  })
  .strict()
  .meta({ id: 'Rollout' });
export type Rollout = z.infer<typeof rolloutSchema>;

export const UPDATE_STEPS = ['offered', 'deferred', 'installing', 'installed', 'healthy', 'rolledBack', 'refused'] as const;
export type UpdateStep = (typeof UPDATE_STEPS)[number];

/** Why a step happened, in words an operator can search for (no free text from apt: that stays in the journal). */
export const UPDATE_REASONS = ['canary', 'all', 'outsideWindow', 'customerSession', 'repositoryRefused', 'versionNotInRepository', 'installFailed', 'unhealthy', 'rollbackFailed'] as const;
export type UpdateReason = (typeof UPDATE_REASONS)[number];

/** One step of an update, as the updater hands it to the core to record (and the core sends as telemetry). */
export const updateStepSchema = z
  .object({
    step: z.enum(UPDATE_STEPS),
    fromVersion: debVersionSchema.describe('The version installed when the step began (rolledBack: the version that was not healthy).'),
    toVersion: debVersionSchema.describe('The version the step is about: the one central named (rolledBack: the version reinstalled).'),
    reason: z.enum(UPDATE_REASONS).nullable(),
  })
  .strict()
  .meta({ id: 'UpdateStep' });
export type UpdateStepFact = z.infer<typeof updateStepSchema>;
