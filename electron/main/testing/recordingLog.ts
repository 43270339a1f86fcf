import type { Log } from '../log';

interface RecordedLine {
  level: 'info' | 'warn' | 'error';
  fields: object;
  message: string;
}

/** A Log that keeps what it is told, so tests can check what was said (and that no URL leaked). */
export function recordingLog(): Log & { lines: RecordedLine[] } {
  const lines: RecordedLine[] = [];
  const at = (level: RecordedLine['level']) => (fields: object, message: string) => void lines.push({ level, fields, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}
