import { execFile } from 'node:child_process';
import { bundledEntry } from '../../../../../test/testing/bundledEntry';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `npm run devices -- <args>` as a technician runs it: its own Node process (the CLI bundled once per test
 * process), `stdin` as what they type (the PIN's line), the exit code and both streams as they came.
 */
export async function runDevicesCli(args: readonly string[], stdin?: string): Promise<CliRun> {
  const cli = await bundledEntry('electron/core/devices/cli/main.ts');
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [cli, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error && typeof error.code === 'number' ? error.code : error ? -1 : 0, stdout, stderr });
    });
    child.stdin?.end(stdin);
  });
}
