import type { RunningCentral } from '../../../central/server';
import type { DevDockCentral } from './ports';

/**
 * The embedded reference central as the dock sees it: its SMS outbox and its
 * fault switch, called in process (the same functions its /dev routes use),
 * never over HTTP.
 */
export function dockCentralOf(central: Pick<RunningCentral, 'context' | 'setFault' | 'recentSms'>): DevDockCentral {
  return {
    recentSms: (limit) => central.recentSms(limit),
    setFault: (setting) => central.setFault(setting),
    fault: () => central.context.faults.current(),
  };
}
