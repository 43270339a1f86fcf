import { request } from 'node:http';
import { z } from 'zod';
import type { Result } from '../../../common/result';
import { err, ok } from '../../../common/result';
import { rolloutSchema } from '../../../common/wire/updates';
import type { UpdateStepFact } from '../../../common/wire/updates';
import type { DeadLetterView } from '../../contract';
import type { UpdateHealth, UpdateStatus } from './controlSocket';
import type { BinEmptiedAnswer } from './maintenanceRoutes';

/** The updater's side of the core's control socket (controlSocket.ts); every answer validated. */

const statusSchema = z.object({
  kioskId: z.string(),
  version: z.string(),
  idle: z.boolean(),
  appState: z.enum(['starting', 'unavailable', 'available', 'active']),
  rollout: rolloutSchema.nullable(),
}) satisfies z.ZodType<UpdateStatus>;

const healthSchema = z.object({
  version: z.string(),
  heartbeatAccepted: z.boolean(),
  ready: z.boolean(),
  devices: z.record(z.string(), z.string()),
  devicesOk: z.boolean(),
}) satisfies z.ZodType<UpdateHealth>;

const deadLettersSchema = z.array(
  z.object({ txId: z.string(), kind: z.string(), code: z.string(), detail: z.string().nullable(), attempts: z.number().int(), createdAt: z.number(), failedAt: z.number() }),
) satisfies z.ZodType<DeadLetterView[]>;
const binEmptiedSchema = z.object({ before: z.number().int().nullable(), detail: z.string() }) satisfies z.ZodType<BinEmptiedAnswer>;

export type CoreError = { type: 'unreachable'; detail: string } | { type: 'refused'; status: number; detail: string };

export class CoreClient {
  constructor(
    private readonly socketPath: string,
    private readonly timeoutMs = 30_000,
  ) {}

  private call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Result<unknown, CoreError>> {
    return new Promise((resolve) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        { socketPath: this.socketPath, method, path, timeout: this.timeoutMs, headers: payload ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) return resolve(err({ type: 'refused', status, detail: text.slice(0, 300) }));
            try {
              resolve(ok(JSON.parse(text) as unknown));
            } catch {
              resolve(err({ type: 'refused', status, detail: 'not JSON' }));
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer in ${this.timeoutMs} ms`)));
      req.on('error', (error) => resolve(err({ type: 'unreachable', detail: error.message })));
      req.end(payload);
    });
  }

  private async parsed<T>(schema: z.ZodType<T>, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Result<T, CoreError>> {
    const answer = await this.call(method, path, body);
    if (!answer.ok) return answer;
    const parsed = schema.safeParse(answer.value);
    return parsed.success ? ok(parsed.data) : err({ type: 'refused', status: 200, detail: `unexpected answer: ${parsed.error.issues[0]?.message ?? ''}` });
  }

  status(): Promise<Result<UpdateStatus, CoreError>> {
    return this.parsed(statusSchema, 'GET', '/v1/update/status');
  }

  health(): Promise<Result<UpdateHealth, CoreError>> {
    return this.parsed(healthSchema, 'POST', '/v1/update/health');
  }

  /** The devices CLI: the kiosk's dead letters. */
  deadLetters(): Promise<Result<DeadLetterView[], CoreError>> {
    return this.parsed(deadLettersSchema, 'GET', '/v1/maintenance/dead-letters');
  }

  /** The devices CLI: one dead letter retried or discarded in the technician's name; the list as it is now. */
  settleDeadLetter(technicianId: string, pin: string, txId: string, action: 'retry' | 'discard'): Promise<Result<DeadLetterView[], CoreError>> {
    return this.parsed(deadLettersSchema, 'POST', '/v1/maintenance/dead-letters', { technicianId, pin, txId, action });
  }

  /** The devices CLI: the retain bin's count back to zero in the technician's name; the count it had. */
  binEmptied(technicianId: string, pin: string): Promise<Result<BinEmptiedAnswer, CoreError>> {
    return this.parsed(binEmptiedSchema, 'POST', '/v1/maintenance/bin-emptied', { technicianId, pin });
  }

  async report(step: UpdateStepFact): Promise<Result<void, CoreError>> {
    const answer = await this.call('POST', '/v1/update/steps', step);
    return answer.ok ? ok() : answer;
  }
}
