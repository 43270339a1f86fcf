import { recentSms } from '../../../central/dev/sms';
import type { RunningCentral } from '../../../central/server';
import type { DevDockCentral } from './ports';

/**
 * The embedded reference central as the dock sees it: its SMS outbox and its
 * fault switch, called in process (the same functions its /dev routes use),
 * never over HTTP.
 */
export function dockCentralOf(central: Pick<RunningCentral, 'context' | 'setFault'>): DevDockCentral {
  return {
    async recentSms(limit) {
      const messages = await recentSms(central.context, undefined, limit);
      // Only a mobile filter can be malformed, and none is given.
      return messages === 'badMobile' ? [] : messages;
    },
    setFault: (setting) => central.setFault(setting),
    fault: () => central.context.faults.current(),
  };
}
