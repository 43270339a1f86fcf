/** Open dialogs, newest last: only the top one keeps focus, so two never fight over it. */
const stack: symbol[] = [];

export function pushDialog(): symbol {
  const token = Symbol('dialog');
  stack.push(token);
  return token;
}

export function popDialog(token: symbol): void {
  const index = stack.indexOf(token);
  if (index >= 0) stack.splice(index, 1);
}

export function isTopDialog(token: symbol): boolean {
  return stack[stack.length - 1] === token;
}
