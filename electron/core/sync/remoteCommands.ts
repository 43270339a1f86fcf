import type { Result } from '../../../common/result';
import { appendAudit } from '../store/auditLog';
import { commandProgress, recordAcknowledged, recordExecuted } from '../store/remoteCommands';
import type { Store } from '../store/store';
import type { CentralError } from './centralError';
import type { KioskCommand } from '../../../common/wire/kiosk';
import type { HeartbeatCommand } from './newerCentral';

/** What the kiosk does for each remote command. The core supplies these. */
interface CommandHandlers {
  setOutOfService(outOfService: boolean, reason: string | null): void;
  reloadUi(): void;
  uploadLogs(since: string | null): Promise<Result<void, string>>;
  refreshConfig(): Promise<Result<void, string>>;
}

interface CommandAcknowledger {
  acknowledgeCommand(id: string, outcome: 'done' | 'failed', detail?: string): Promise<Result<unknown, CentralError>>;
}

interface CommandRunnerOptions {
  store: Store;
  central: CommandAcknowledger;
  handlers: CommandHandlers;
  now: () => number;
  onCall?: (outcome: { ok: true } | { ok: false; error: CentralError }) => void;
}

type Outcome = { outcome: 'done' | 'failed'; detail?: string };

/**
 * Runs each remote command once and acknowledges it once. Central repeats a
 * command in every heartbeat until acknowledged; the remote_commands table
 * remembers what already ran, so a repeat (or a restart between running and
 * acknowledging) only retries the acknowledgement. A crash between a handler
 * and its record re-runs that handler; every handler is idempotent (set a
 * state, reload, upload, refresh), which is why that is acceptable.
 */
export class CommandRunner {
  private busy: Promise<void> = Promise.resolve();

  constructor(private readonly options: CommandRunnerOptions) {}

  /** Commands from one heartbeat, in order; never two batches at once. */
  run(commands: readonly HeartbeatCommand[]): Promise<void> {
    this.busy = this.busy.then(() => this.runAll(commands));
    return this.busy;
  }

  private async runAll(commands: readonly HeartbeatCommand[]): Promise<void> {
    const { store, now } = this.options;
    for (const command of commands) {
      const progress = await store.read((tx) => commandProgress(tx, command.id));
      if (progress.state === 'acknowledged') continue;
      let result: Outcome;
      if (progress.state === 'new') {
        result = await this.execute(command);
        await store.write(function* (tx) {
          yield* recordExecuted(tx, command, JSON.stringify(result), now());
          yield* appendAudit(tx, { actor: 'central', action: `command.${command.type}`, detail: { id: command.id, outcome: result.outcome } }, now());
        });
      } else {
        result = JSON.parse(progress.outcome) as Outcome;
      }
      const ack = await this.options.central.acknowledgeCommand(command.id, result.outcome, result.detail);
      this.options.onCall?.(ack.ok ? { ok: true } : { ok: false, error: ack.error });
      // A 404 command_not_found means central forgot it: nothing left to acknowledge.
      if (ack.ok || (ack.error.type === 'problem' && ack.error.code === 'command_not_found')) {
        await store.write((tx) => recordAcknowledged(tx, command.id, now()));
      }
    }
  }

  private async execute(command: HeartbeatCommand): Promise<Outcome> {
    const { handlers } = this.options;
    const known = command as KioskCommand;
    try {
      switch (known.type) {
        case 'outOfService':
          handlers.setOutOfService(true, known.reason);
          return { outcome: 'done' };
        case 'inService':
          handlers.setOutOfService(false, null);
          return { outcome: 'done' };
        case 'reloadUi':
          handlers.reloadUi();
          return { outcome: 'done' };
        case 'refreshConfig': {
          const r = await handlers.refreshConfig();
          return r.ok ? { outcome: 'done' } : { outcome: 'failed', detail: r.error };
        }
        case 'uploadLogs': {
          const r = await handlers.uploadLogs(known.since ?? null);
          return r.ok ? { outcome: 'done' } : { outcome: 'failed', detail: r.error };
        }
        default:
          return { outcome: 'failed', detail: `this kiosk does not know the command "${command.type}"` };
      }
    } catch (error) {
      return { outcome: 'failed', detail: error instanceof Error ? error.message : String(error) };
    }
  }
}
