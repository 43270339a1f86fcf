import { describe, expect, it } from 'vitest';
import { smsSegments } from './labels';

describe('an SMS with its code picked out', () => {
  it('splits the text around every place the code stands', () => {
    expect(smsSegments('Code 4321. Again: 4321', '4321')).toEqual([
      { text: 'Code ', isCode: false },
      { text: '4321', isCode: true },
      { text: '. Again: ', isCode: false },
      { text: '4321', isCode: true },
    ]);
  });

  it('leaves a message without a code as it is', () => {
    expect(smsSegments('Your mobile number was changed.', null)).toEqual([{ text: 'Your mobile number was changed.', isCode: false }]);
  });
});
