import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { debVersionSchema, updateStepSchema } from '../../../common/wire/updates';
import type { UpdateReason, UpdateStep, UpdateStepFact } from '../../../common/wire/updates';
import type { Apt, KeptVersions } from './apt';
import type { CoreClient } from './coreClient';
import { inMaintenanceWindow, targetFor } from './rollout';

/**
 * One run of kiosk-update.service (its timer starts it every few minutes):
 *
 *  1. A version installed by an earlier run and not yet found healthy is
 *     checked first: healthy (central accepted a heartbeat, the kiosk is ready,
 *     its devices are not faulty, and it runs that version) before the
 *     deadline, or the previous version is reinstalled and the core restarted.
 *  2. Otherwise the version central names for this kiosk (its ring) is
 *     offered; it is installed only inside the maintenance window, while no
 *     customer is being served, from the signed repository apt verified.
 *
 * Every step goes to the core, which records it as telemetry in its outbox;
 * a step the core cannot take (it is restarting) waits in the updater's state
 * file and goes with the next call. A version rolled back is not tried again
 * until central names another.
 */

const stateSchema = z.object({
  pending: z.object({ from: debVersionSchema, to: debVersionSchema, deadline: z.number() }).nullable(),
  /** The target the `reported` keys are about; a new target starts them again. */
  target: debVersionSchema.nullable(),
  /** Steps already reported for the target ("offered", "deferred:outsideWindow"…), so each is said once. */
  reported: z.array(z.string()),
  undelivered: z.array(updateStepSchema),
  /** Versions rolled back or refused at installation: not tried again. */
  failed: z.array(debVersionSchema),
});
type UpdaterState = z.infer<typeof stateSchema>;
const emptyState = (): UpdaterState => ({ pending: null, target: null, reported: [], undelivered: [], failed: [] });

export async function readState(path: string): Promise<UpdaterState> {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : emptyState();
  } catch {
    return emptyState();
  }
}

/** Written whole or not at all. */
async function writeState(path: string, state: UpdaterState): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  await writeFile(`${path}.tmp`, JSON.stringify(state), { mode: 0o600 });
  await rename(`${path}.tmp`, path);
}

export interface UpdaterDeps {
  apt: Pick<Apt, 'update' | 'available' | 'installed' | 'install'>;
  core: Pick<CoreClient, 'status' | 'health' | 'report'>;
  kept: Pick<KeptVersions, 'keep' | 'path'>;
  /** systemctl restart kiosk-core.service (the screen restarts with it). */
  restartCore: () => Promise<{ ok: boolean; detail: string }>;
  statePath: string;
  kioskId: string;
  now: () => number;
  /** Between health checks while a new version starts. */
  sleep: (ms: number) => Promise<unknown>;
  pollMs: number;
  log: (message: string) => void;
}

type RunOutcome = 'nothing' | 'deferred' | 'refused' | 'healthy' | 'rolledBack' | 'coreUnreachable';

export async function runUpdater(deps: UpdaterDeps): Promise<RunOutcome> {
  const state = await readState(deps.statePath);
  const save = () => writeState(deps.statePath, state);

  /** Reports a step (queued when the core cannot take it now); `once` skips a step already reported for this target. */
  const report = async (step: UpdateStep, from: string, to: string, reason: UpdateReason | null, once = false): Promise<void> => {
    const key = reason ? `${step}:${reason}` : step;
    if (once && state.target === to && state.reported.includes(key)) return;
    if (state.target !== to) {
      state.target = to;
      state.reported = [];
    }
    state.reported.push(key);
    const fact: UpdateStepFact = { step, fromVersion: from, toVersion: to, reason };
    deps.log(`${step} ${from} -> ${to}${reason ? ` (${reason})` : ''}`);
    state.undelivered.push(fact);
    await flush();
    await save();
  };
  const flush = async (): Promise<void> => {
    while (state.undelivered.length > 0) {
      const [next] = state.undelivered;
      if (!next || !(await deps.core.report(next)).ok) return;
      state.undelivered.shift();
    }
  };

  await flush();
  await save();
  if (state.pending) return await settle(state.pending);

  const status = await deps.core.status();
  if (!status.ok) {
    deps.log(`the core does not answer (${status.error.detail}); nothing to decide`);
    return 'coreUnreachable';
  }
  const installed = (await deps.apt.installed()) ?? status.value.version;
  const rollout = status.value.rollout;
  const target = targetFor(rollout ?? undefined, deps.kioskId);
  if (!rollout || !target || target.version === installed || state.failed.includes(target.version)) return 'nothing';
  const to = target.version;
  await report('offered', installed, to, target.ring, true);

  if (!inMaintenanceWindow(rollout.maintenanceWindow, deps.now())) {
    await report('deferred', installed, to, 'outsideWindow', true);
    return 'deferred';
  }
  if (!status.value.idle) {
    await report('deferred', installed, to, 'customerSession', true);
    return 'deferred';
  }

  const updated = await deps.apt.update();
  if (!updated.ok) {
    deps.log(`apt refused the repository:\n${updated.error}`);
    await report('refused', installed, to, 'repositoryRefused', true);
    return 'refused';
  }
  if (!(await deps.apt.available()).includes(to)) {
    await report('refused', installed, to, 'versionNotInRepository', true);
    return 'refused';
  }
  // A customer may have walked up while apt fetched the indexes.
  const still = await deps.core.status();
  if (still.ok && !still.value.idle) {
    await report('deferred', installed, to, 'customerSession', true);
    return 'deferred';
  }

  await report('installing', installed, to, null);
  const done = await deps.apt.install(to);
  if (!done.ok) {
    deps.log(`apt could not install ${to}:\n${done.error}`);
    state.failed.push(to);
    await report('refused', installed, to, 'installFailed');
    return 'refused';
  }
  if (!(await deps.kept.keep(to, installed))) deps.log(`the package file of ${to} is not in apt's cache: a later rollback to it needs the repository to list it`);
  await report('installed', installed, to, null);
  state.pending = { from: installed, to, deadline: deps.now() + rollout.healthDeadlineSeconds * 1000 };
  await save();
  const restarted = await deps.restartCore();
  if (!restarted.ok) deps.log(`restarting the core failed: ${restarted.detail}`);
  return await settle(state.pending);

  /** Waits for the new version to be healthy until the deadline; rolls back if it is not. */
  async function settle(pending: NonNullable<UpdaterState['pending']>): Promise<RunOutcome> {
    let last = 'no answer yet';
    while (deps.now() < pending.deadline) {
      const health = await deps.core.health();
      if (health.ok) {
        const h = health.value;
        if (h.version === pending.to && h.heartbeatAccepted && h.ready && h.devicesOk) {
          state.pending = null;
          await report('healthy', pending.to, pending.to, null);
          return 'healthy';
        }
        last = `version ${h.version}, heartbeat ${h.heartbeatAccepted ? 'accepted' : 'not accepted'}, ${h.ready ? 'ready' : 'not ready'}, devices ${h.devicesOk ? 'ok' : JSON.stringify(h.devices)}`;
      } else last = `core: ${health.error.detail}`;
      await flush();
      await deps.sleep(deps.pollMs);
    }
    deps.log(`${pending.to} did not become healthy in time (${last}); reinstalling ${pending.from}`);
    if (!state.failed.includes(pending.to)) state.failed.push(pending.to);
    // From the repository if it still lists it, else the package file kept when it was installed.
    const back = (await deps.apt.available()).includes(pending.from) ? await deps.apt.install(pending.from) : await deps.apt.install(deps.kept.path(pending.from));
    state.pending = null;
    if (!back.ok) {
      deps.log(`apt could not reinstall ${pending.from}:\n${back.error}`);
      await report('refused', pending.to, pending.to, 'rollbackFailed');
      return 'refused';
    }
    await save();
    await deps.restartCore();
    // Said by the version rolled back to, once it is up to record it (the state file keeps it until then).
    await report('rolledBack', pending.to, pending.from, 'unhealthy');
    while (state.undelivered.length > 0 && deps.now() < pending.deadline + 300_000) {
      await deps.sleep(deps.pollMs);
      await flush();
      await save();
    }
    return 'rolledBack';
  }
}
