import { devDockProcedureNames } from '../../contract/devDock';
import type { DevDockApi, DevDockProcedureInput, DevDockProcedureName, DevDockProcedureOutputs } from '../../contract/devDock';
import { KioskError } from '../../contract';

/** The service's method for a procedure: `devDockAtmInsertCard` is `atmInsertCard`. */
type MethodOf<P extends DevDockProcedureName> = P extends `devDock${infer M}` ? Uncapitalize<M> : never;

/** What the service must have for the forwarding below to be sound: each procedure's method, taking its input (or nothing) and giving its output. */
export type DevDockMethods = {
  [P in DevDockProcedureName as MethodOf<P>]: (input: DevDockProcedureInput<P>) => DevDockProcedureOutputs[P] | Promise<DevDockProcedureOutputs[P]>;
};

const PREFIX = 'devDock';
const methodOf = <P extends DevDockProcedureName>(procedure: P) => {
  const rest = procedure.slice(PREFIX.length);
  return `${rest.charAt(0).toLowerCase()}${rest.slice(1)}` as MethodOf<P>;
};

/**
 * The dock's procedures as KioskCore serves them, each forwarded to the
 * service's method of the same name (DevDockService implements
 * DevDockMethods, so the compiler holds every pair together). `current`
 * answers the service only while the profile is demo and a lab or embedded
 * central runs; otherwise every call is `not_allowed` and touches nothing.
 */
export function devDockProcedures(current: () => DevDockMethods | undefined): DevDockApi {
  const forward = (procedure: DevDockProcedureName) => async (input: never) => {
    const service = current();
    if (!service) throw new KioskError('not_allowed', 'the dev dock exists only in the demo profile');
    const method = service[methodOf(procedure)] as (input: never) => unknown;
    return method.call(service, input);
  };
  return Object.fromEntries(devDockProcedureNames.map((procedure) => [procedure, forward(procedure)])) as DevDockApi;
}
