// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { dialogTextOf, joinSentences, promptOf, speakableText } from './screenText';

function draw(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('reading a screen aloud', () => {
  it('a prompt is the heading and the paragraphs right under it, each a sentence', () => {
    const root = draw('<section lang="en"><header><h1>Sign in</h1><p>Enter your username.</p></header><div><p>Not this</p></div></section>');
    expect(promptOf(root)).toEqual({ text: 'Sign in. Enter your username.', lang: 'en' });
  });

  it('takes in the lines right after the heading\'s block: the number a code was sent to', () => {
    const root = draw(
      '<div lang="en"><header><div><h1>Enter the code</h1><p>We sent a code to</p></div></header><p><bdi>05X XXX X580</bdi></p><div><p>Expires in</p></div></div>',
    );
    expect(promptOf(root).text).toBe('Enter the code. We sent a code to. 05X XXX X580');
  });

  it('a screen marked to be said whole is said whole; an element says its `data-speak` instead of what it draws (nothing when empty)', () => {
    const root = draw(
      '<div lang="en" data-speak-whole><div><h1>Is this you?</h1><dl><div><dt>ID number</dt><dd data-speak="The ID number your bank holds for this card.">******0008</dd></div></dl>' +
        '<p role="status" data-speak="">3 digits entered</p></div><button data-speak="Confirm: press the bottom key on the right.">Confirm <span>Enter</span></button></div>',
    );
    expect(promptOf(root.firstElementChild as Element)).toEqual({ text: 'Is this you? ID number. The ID number your bank holds for this card. Confirm: press the bottom key on the right.', lang: 'en' });
  });

  it('leaves out the welcome written for the other language', () => {
    const root = draw('<div lang="ar"><h1>بوابة</h1><p>أهلاً بك</p><p lang="en">Welcome</p></div>');
    expect(promptOf(root).text).toBe('بوابة. أهلاً بك');
  });

  it('never reads what is hidden, drawn only, typed into a field, or marked secret', () => {
    const root = draw(
      '<div role="alert"><p>Wrong code</p><div aria-hidden="true"><span>4</span><span>8</span></div>' +
        '<input value="Kiosk2030demo"><span data-secret>1234</span><p style="display: none">hidden</p><svg><title>icon</title></svg></div>',
    );
    expect(speakableText(root)).toBe('Wrong code');
  });

  it('keeps inline parts apart and can leave out count-downs', () => {
    const root = draw('<p><span>Try again in</span><bdi role="timer">04:59</bdi></p>');
    expect(speakableText(root)).toBe('Try again in 04:59');
    expect(speakableText(root, { timers: false })).toBe('Try again in');
  });

  it('a dialog is its title and its body, not its buttons', () => {
    const root = draw(
      '<div role="dialog" aria-labelledby="t" aria-describedby="b"><h2 id="t">End your session?</h2><div id="b"><p>Everything will be cleared</p></div><button>Yes</button></div>',
    );
    expect(dialogTextOf(root.firstElementChild!)).toBe('End your session? Everything will be cleared');
  });

  it('ends sentences only where they are not ended already', () => {
    expect(joinSentences(['Sign in', 'Enter it.', '', 'Done'])).toBe('Sign in. Enter it. Done');
    expect(joinSentences(['هل تحتاج وقتًا إضافيًا؟', 'الوقت'])).toBe('هل تحتاج وقتًا إضافيًا؟ الوقت');
  });
});
