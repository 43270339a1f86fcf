/**
 * On-screen layouts. Arabic keys sit where they do on the Arabic 101 layout
 * (ض at the top left), so the keyboard is always drawn left to right.
 * `{hide}` is left out where the keyboard cannot be closed. `{shift}` capitalises
 * the next letter only, as on a phone; `{lock}` (Caps Lock) keeps capitals on.
 */
export const keyboardLayouts = {
  ar: [
    '1 2 3 4 5 6 7 8 9 0 {bksp}',
    'ض ص ث ق ف غ ع ه خ ح ج د',
    'ش س ي ب ل ا ت ن م ك ط',
    'ذ ئ ء ؤ ر لا ى ة و ز ظ',
    '{lang} أ إ آ {space} {clear} {hide}',
  ],
  en: ['1 2 3 4 5 6 7 8 9 0 {bksp}', 'q w e r t y u i o p', 'a s d f g h j k l', '{lock} z x c v b n m - {shift}', '{lang} @ . {space} {clear} {hide}'],
  enShift: ['1 2 3 4 5 6 7 8 9 0 {bksp}', 'Q W E R T Y U I O P', 'A S D F G H J K L', '{lock} Z X C V B N M _ {shift}', '{lang} @ . {space} {clear} {hide}'],
  numeric: ['1 2 3', '4 5 6', '7 8 9', '{clear} 0 {bksp}', '{hide}'],
} as const;

export type KeyboardLayoutName = keyof typeof keyboardLayouts;
