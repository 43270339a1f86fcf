import { editMachine, sessionGone } from '../editStates';
import { callStep, checked, need, problem, signedRequest } from '../steps';

const root = '#changeAddress';

/**
 * RULES.md "National address": building number, street, district, city,
 * postal code, additional number and (optional) unit, each checked here as
 * typed and by central → the address is saved, and central says so by SMS.
 * No code: the portal asks none for the address.
 */
export const changeAddressMachine = editMachine('changeAddress', 'address', {
  address: {
    on: { SUBMIT_ADDRESS: checked('saving', 'validAddress', 'storeAddress', 'addressErrors') },
  },
  saving: callStep({
    input: signedRequest('changeAddress', (c) => ({ body: { ...need(c.secret.address, 'an address') } })),
    answers: [
      { guard: 'succeeded', target: `${root}.changed` },
      { guard: problem('address_invalid'), target: `${root}.address`, actions: ['noteProblem', 'dropAddress'] },
      sessionGone(root),
    ],
    otherwise: { target: `${root}.address`, actions: ['dropAddress'] },
    back: `${root}.address`,
  }),
});
