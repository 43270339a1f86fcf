import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { useKeyboardTarget } from './keyboardTarget';

describe('one keyboard for several fields', () => {
  it('types into the first field until another is focused, then into that one; each keeps its own text', () => {
    const password = ref('');
    const confirmation = ref('');
    const { typingInto, keyboardValue } = useKeyboardTarget({ password, confirmation }, 'password');
    keyboardValue.value = 'Abc1';
    expect(password.value).toBe('Abc1');
    typingInto.value = 'confirmation';
    expect(keyboardValue.value).toBe('');
    keyboardValue.value = 'Abc';
    expect([password.value, confirmation.value]).toEqual(['Abc1', 'Abc']);
    typingInto.value = 'password';
    expect(keyboardValue.value).toBe('Abc1');
  });
});
