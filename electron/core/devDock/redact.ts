/** What the dock may write to the log about a person or a card: never a whole ID number or PAN. */

export const last4 = (digits: string): string => digits.slice(-4);

/** Card ids carry the full number (`nationalId-1000000008`): keep the kind and the last 4. */
export function cardForLog(cardId: string): string {
  const dash = cardId.lastIndexOf('-');
  return dash < 0 ? '…' : `${cardId.slice(0, dash)} …${last4(cardId.slice(dash + 1))}`;
}
