import { chmod, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Rollout } from '../../../common/wire/updates';
import { updateStepSchema } from '../../../common/wire/updates';
import type { KioskSnapshot } from '../../contract/snapshot';
import type { Logger } from '../log';
import type { TelemetryRecorder } from '../telemetry/recorder';
import type { SyncService } from '../sync';
import { maintenanceRoute, type MaintenanceRoutesOptions } from './maintenanceRoutes';

/**
 * The core's local control socket for the updater (kiosk-update.service, run
 * as root): a unix socket in the core's runtime directory (/run/kiosk, the
 * kiosk user's alone; the socket 0600), HTTP with JSON, three calls:
 *   GET  /v1/update/status  the running version, whether a customer is being served, central's rollout (after a heartbeat)
 *   POST /v1/update/health  a heartbeat now: was it accepted, is the kiosk ready, its devices
 *   POST /v1/update/steps   an update step (common/wire/updates.ts), recorded as telemetry through the outbox
 * and, for the devices CLI, the maintenance calls in maintenanceRoutes.ts (dead letters, bin emptied).
 * Nothing else; every body is validated. The renderer never reaches it (it is not on the browser host's port).
 */
interface ControlSocketOptions {
  path: string;
  version: string;
  kioskId: string;
  snapshot: () => KioskSnapshot;
  /** Central's rollout as last applied (null: none yet). */
  rollout: () => Rollout | null;
  sync: Pick<SyncService, 'freshHeartbeat'> | null;
  telemetry: Pick<TelemetryRecorder, 'record'>;
  log: Logger;
  now: () => number;
  /** The maintenance calls (absent: answered 404, as at an ATM without diagnostics). */
  maintenance?: Omit<MaintenanceRoutesOptions, 'log'>;
}

export interface UpdateStatus {
  kioskId: string;
  version: string;
  /** No customer session: an update may restart the kiosk now. */
  idle: boolean;
  appState: KioskSnapshot['appState']['state'];
  rollout: Rollout | null;
}

export interface UpdateHealth {
  version: string;
  /** The heartbeat sent for this call was answered by central. */
  heartbeatAccepted: boolean;
  /** The kiosk can serve (available, or serving someone). */
  ready: boolean;
  devices: Record<string, string>;
  devicesOk: boolean;
}

const MAX_BODY = 4096;

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Too large: the rest is read and dropped, so the answer (413) still reaches the caller.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

/** A JSON body, or a marker zod refuses (too large, not JSON). */
async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text === null) return { tooLarge: true };
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { notJson: true };
  }
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

export async function startControlSocket(options: ControlSocketOptions): Promise<{ close(): Promise<void> }> {
  const { log } = options;

  async function health(): Promise<UpdateHealth> {
    // The heartbeat's own answer: another call to central (an outbox drain, a PIN check) proves nothing about the heartbeat.
    const beat = options.sync ? await options.sync.freshHeartbeat() : null;
    const heartbeatAccepted = beat?.ok === true;
    const snapshot = options.snapshot();
    const devices: Record<string, string> = { ...snapshot.devices };
    return {
      version: options.version,
      heartbeatAccepted,
      // Started and serving, or held out of service by an operator's or a technician's choice: the new version itself is up.
      ready: snapshot.appState.state === 'available' || snapshot.appState.state === 'active' || (snapshot.appState.state === 'unavailable' && (snapshot.appState.reason === 'outOfService' || snapshot.appState.reason === 'maintenance')),
      devices,
      devicesOk: !Object.values(devices).some((status) => status === 'hardwareError' || status === 'offline'),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = `${req.method ?? ''} ${req.url ?? ''}`;
    if (route === 'GET /v1/update/status') {
      // Central's newest word on the rollout: one heartbeat started after this call (one in flight may predate a change)
      // brings back the config version, and a new one is fetched and applied before it ends.
      await options.sync?.freshHeartbeat();
      const snapshot = options.snapshot();
      const status: UpdateStatus = { kioskId: options.kioskId, version: options.version, idle: snapshot.session === null && !(snapshot.appState.state === 'unavailable' && snapshot.appState.reason === 'maintenance'), appState: snapshot.appState.state, rollout: options.rollout() };
      return answer(res, 200, status);
    }
    if (route === 'POST /v1/update/health') return answer(res, 200, await health());
    if (route === 'POST /v1/update/steps') {
      const text = await readBody(req);
      if (text === null) return answer(res, 413, { error: 'bodyTooLarge' });
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return answer(res, 400, { error: 'notJson' });
      }
      const step = updateStepSchema.safeParse(json);
      if (!step.success) return answer(res, 400, { error: 'invalidStep', detail: step.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') });
      const recorded = await options.telemetry.record({ type: 'update.step', ...step.data });
      if (!recorded.ok) return answer(res, 503, { error: 'storeFailed' });
      log.info({ event: 'update.step', step: step.data.step, from: step.data.fromVersion, to: step.data.toVersion, reason: step.data.reason }, `update ${step.data.step}`);
      return answer(res, 201, { txId: recorded.value });
    }
    if (options.maintenance && /^(GET|POST) \/v1\/maintenance\//.test(route)) {
      const found = await maintenanceRoute(route, () => jsonBody(req), { ...options.maintenance, log });
      if (found) return answer(res, found.status, found.body);
    }
    return answer(res, 404, { error: 'unknownRoute' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ event: 'control.error', err: error }, 'control socket call failed');
      if (!res.headersSent) answer(res, 500, { error: 'internal' });
    });
  });
  // A socket left by a core that died is in the way; nothing else lives at this path.
  await rm(options.path, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.path, () => resolve());
  });
  await chmod(options.path, 0o600);
  log.info({ event: 'control.listening', path: options.path }, 'control socket for the updater');
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
