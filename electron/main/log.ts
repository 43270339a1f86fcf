import pino from 'pino';

/** The slice of pino the main process uses; tests pass a silent or recording one. */
export interface Log {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export function createMainLog(production: boolean): Log {
  return pino({ name: 'kiosk-main', level: production ? 'info' : 'debug' });
}

/** @public Used by specs through vi.importActual, which knip does not follow. */
export const silentLog: Log = { info() {}, warn() {}, error() {} };
