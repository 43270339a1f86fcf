/** Switches that open a debugger or let the command line reach into V8. */
const chromiumSwitches = ['remote-debugging-port', 'remote-debugging-pipe', 'js-flags'] as const;

function switchName(arg: string): string | null {
  // Chromium accepts "-switch" as well as "--switch" on POSIX, and "/switch" on Windows.
  const match = /^(?:--?|\/)([a-z][a-z0-9-]*)(?:=.*)?$/i.exec(arg);
  return match?.[1]?.toLowerCase() ?? null;
}

function isDebugSwitch(name: string): boolean {
  // --inspect, --inspect-brk, --inspect-port, --inspect-wait, --inspect-publish-uid…
  return name === 'inspect' || name.startsWith('inspect-') || (chromiumSwitches as readonly string[]).includes(name);
}

/** The debug switches present in the arguments, as given, for the refusal message. */
export function findDebugFlags(args: readonly string[]): string[] {
  const found: string[] = [];
  for (const arg of args) {
    // "--" ends the switches in both Node and Chromium.
    if (arg === '--') break;
    const name = switchName(arg);
    if (name !== null && isDebugSwitch(name)) found.push(arg.split('=')[0] ?? arg);
  }
  return found;
}

interface LaunchEnvironment {
  argv: readonly string[];
  execArgv: readonly string[];
  /** NODE_OPTIONS can carry --inspect too, unless the fuse is off (packaged builds). */
  nodeOptions: string | undefined;
  /** Chromium's own parse of the command line, which may accept spellings we did not foresee. */
  hasChromiumSwitch(name: string): boolean;
}

export function debugFlagsIn(env: LaunchEnvironment): string[] {
  const fromNodeOptions = env.nodeOptions ? env.nodeOptions.split(/\s+/).filter(Boolean) : [];
  const found = new Set([...findDebugFlags(env.argv), ...findDebugFlags(env.execArgv), ...findDebugFlags(fromNodeOptions)]);
  for (const name of chromiumSwitches) if (env.hasChromiumSwitch(name)) found.add(`--${name}`);
  return [...found];
}

export function debugRefusalMessage(flags: readonly string[]): string {
  return `kiosk: refusing to start in production with debugging switches (${flags.join(', ')}); remove them from the launch command`;
}
