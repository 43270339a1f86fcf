import { checkNationalAddress, maskAddress, maskEmail } from '../../../common/rules';
import { profileSchema } from '../../../common/wire/citizen';
import type { AddressInput, JourneyField } from '../../contract/journeys';
import type { JourneyContext } from './context';
import { maskId } from './context';
import { passwordProblems } from './fieldChecks';
import { withoutLastAnswer } from './lastAnswer';
import type { JourneyMachineContext, MachineEvent } from './machineTypes';
import { answer } from './outcomes';

/**
 * Edit user information (signed in): the guards and context changes the
 * four machines share, as plain functions setup.ts names. The profile gives
 * what the screens and receipts need (the ID's last four digits, the masked
 * mobile) and the username the new-password rule needs; nothing else of it
 * is kept.
 */

interface Args {
  context: JourneyMachineContext;
  event: MachineEvent;
}
type Change = Partial<Pick<JourneyContext, 'secret' | 'shown' | 'error'>>;

/** A new password by the rules, confirmed, and not the current one (RULES.md). */
function changedPasswordProblems(context: JourneyMachineContext, event: MachineEvent): Partial<Record<JourneyField, string[]>> | null {
  if (event.type !== 'SUBMIT_PASSWORD') return {};
  const problems = passwordProblems(event.password, event.confirmation, context.secret.username ?? '', context.rules) ?? {};
  if (context.secret.currentPassword !== null && event.password === context.secret.currentPassword) problems.password = [...(problems.password ?? []), 'sameAsCurrent'];
  return Object.keys(problems).length === 0 ? null : problems;
}

function addressOf(event: MachineEvent) {
  return event.type === 'SUBMIT_ADDRESS' ? checkNationalAddress(event.address) : null;
}

export const editGuards = {
  hasSession: ({ context }: Args) => context.secret.sessionToken !== null,
  validChangedPassword: ({ context, event }: Args) => event.type === 'SUBMIT_PASSWORD' && changedPasswordProblems(context, event) === null,
  validAddress: ({ event }: Args) => addressOf(event)?.ok === true,
};

export const editChanges = {
  /** The signed-in profile: the ID's last four digits and the masked mobile for the screens and the receipt, the username for the password rule. */
  storeProfile: ({ context, event }: Args): Change => {
    const profile = answer(event, profileSchema);
    return {
      secret: { ...context.secret, username: profile.username },
      shown: {
        ...withoutLastAnswer(context.shown),
        idNumberMasked: maskId(`000000${profile.idNumberLast4}`),
        ...(profile.maskedMobile ? { maskedMobile: profile.maskedMobile } : {}),
        // What is on record now, masked, beside the field where the new one is typed.
        ...(profile.email ? { currentEmail: maskEmail(profile.email) } : {}),
        ...(profile.address ? { currentAddress: maskAddress(profile.address) } : {}),
      },
      error: null,
    };
  },
  storeCurrentPassword: ({ context, event }: Args): Change =>
    event.type === 'SUBMIT_CURRENT_PASSWORD' ? { secret: { ...context.secret, currentPassword: event.password }, shown: withoutLastAnswer(context.shown), error: null } : {},
  changedPasswordErrors: ({ context, event }: Args): Change => ({ shown: { ...withoutLastAnswer(context.shown), fieldErrors: changedPasswordProblems(context, event) ?? {} }, error: null }),
  /** Central said the current password is wrong: it is asked again, and the new one with it. */
  dropAllPasswords: ({ context }: Args): Change => ({ secret: { ...context.secret, currentPassword: null, password: null, confirmation: null } }),
  storeAddress: ({ context, event }: Args): Change => {
    const check = addressOf(event);
    if (!check?.ok) return {};
    const address: AddressInput = { ...check.value };
    return { secret: { ...context.secret, address }, shown: { ...withoutLastAnswer(context.shown), newAddress: maskAddress(check.value) }, error: null };
  },
  /** The new e-mail as the code step, the result and its receipt show it: masked. */
  showNewEmail: ({ context, event }: Args): Change => (event.type === 'SUBMIT_EMAIL' ? { shown: { ...context.shown, newEmail: maskEmail(event.email) } } : {}),
  /** Each part that breaks the format, with the rule's words (`wrongLength`), so the form marks that part. */
  addressErrors: ({ context, event }: Args): Change => {
    const check = addressOf(event);
    const parts = check && !check.ok ? (check.parts ?? {}) : {};
    const fieldErrors = Object.fromEntries(Object.entries(parts).map(([part, words]) => [part, [...words]])) as Partial<Record<JourneyField, string[]>>;
    return { shown: { ...withoutLastAnswer(context.shown), fieldErrors }, error: null };
  },
  dropAddress: ({ context }: Args): Change => ({ secret: { ...context.secret, address: null } }),
};
