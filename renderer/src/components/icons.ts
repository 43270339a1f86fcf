/**
 * Line icons drawn on a 24×24 grid with the current text colour, so they follow
 * both themes. `filled` parts are solid shapes. Directional icons are mirrored
 * in right-to-left layouts by CSS.
 */
export interface IconShape {
  paths: readonly string[];
  filled?: readonly string[];
  directional?: boolean;
}

const circle = (cx: number, cy: number, r: number) => `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0z`;

const speakerBody = 'M11 5L6 9H2v6h4l5 4V5z';

export const icons = {
  back: { paths: ['M19 12H5', 'M12 19l-7-7 7-7'], directional: true },
  forward: { paths: ['M5 12h14', 'M12 5l7 7-7 7'], directional: true },
  /** A key with a cross in it, pointing back along the line: the character before (right-to-left, it points right). */
  backspace: { paths: ['M21 4H8l-7 8 7 8h13a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2z', 'M18 9l-6 6', 'M12 9l6 6'], directional: true },
  /** An eraser: everything typed goes. */
  clear: { paths: ['M20 20H8.5L3.6 15.1a2 2 0 0 1 0-2.8l9.2-9.2a2 2 0 0 1 2.8 0l5.6 5.6a2 2 0 0 1 0 2.8L12.3 20', 'M7.5 9.5l7 7'] },
  help: { paths: [circle(12, 12, 10), 'M9.1 9a3 3 0 0 1 5.8 1c0 2-3 3-3 3', 'M12 17h.01'] },
  globe: {
    paths: [circle(12, 12, 10), 'M2 12h20', 'M12 2a15.3 15.3 0 0 1 4 10 15.3 15.3 0 0 1-4 10 15.3 15.3 0 0 1-4-10 15.3 15.3 0 0 1 4-10z'],
  },
  contrast: { paths: [circle(12, 12, 10)], filled: ['M12 2a10 10 0 0 1 0 20z'] },
  /** The universal access figure: a person with open arms in a circle. */
  accessibility: { paths: [circle(12, 12, 10), 'M7 9.5l5 1.5 5-1.5', 'M12 11v3.5l-2.5 4', 'M12 14.5l2.5 4'], filled: [circle(12, 6.6, 1.4)] },
  textSize: { paths: ['M3 7V5h11v2', 'M8.5 5v14', 'M6.5 19h4', 'M14 12v-1.5h7V12', 'M17.5 10.5V19', 'M16 19h3'] },
  exit: { paths: ['M9 21H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2h4', 'M16 17l5-5-5-5', 'M21 12H9'], directional: true },
  check: { paths: ['M20 6L9 17l-5-5'] },
  speaker: { paths: [speakerBody, 'M15.5 8.5a5 5 0 0 1 0 7', 'M19 5a10 10 0 0 1 0 14'] },
  speakerOff: { paths: [speakerBody, 'M22 9l-6 6', 'M16 9l6 6'] },
  volumeDown: { paths: [speakerBody, 'M15 12h7'] },
  volumeUp: { paths: [speakerBody, 'M15 12h7', 'M18.5 8.5v7'] },
  close: { paths: ['M18 6L6 18', 'M6 6l12 12'] },
  search: { paths: [circle(11, 11, 7.5), 'M21 21l-4.8-4.8'] },
  info: { paths: [circle(12, 12, 10), 'M12 16v-4', 'M12 8h.01'] },
  alert: {
    paths: ['M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z', 'M12 9v4', 'M12 17h.01'],
  },
  clock: { paths: [circle(12, 12, 10), 'M12 6v6l4 2'] },
  lock: { paths: ['M5 11h14a2 2 0 0 1 2 2v7a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-7a2 2 0 0 1 2-2z', 'M7 11V7a5 5 0 0 1 10 0v4'] },
  userPlus: { paths: ['M16 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2', circle(8.5, 7, 4), 'M20 8v6', 'M23 11h-6'] },
  userCheck: { paths: ['M16 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2', circle(8.5, 7, 4), 'M17 11l2 2 4-4'] },
  signIn: { paths: ['M15 3h4a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-4', 'M10 17l5-5-5-5', 'M15 12H3'], directional: true },
  key: { paths: [circle(7.5, 15.5, 4.5), 'M10.7 12.3L21 2', 'M16 7l3 3', 'M19 4l2 2'] },
  user: { paths: ['M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2', circle(12, 7, 4)] },
  phone: { paths: ['M7 2h10a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H7a2 2 0 0 1-2-2V4a2 2 0 0 1 2-2z', 'M11 18h2'] },
  mail: { paths: ['M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z', 'M22 6l-10 7L2 6'] },
  password: { paths: ['M4 10h16a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-8a1 1 0 0 1 1-1z', 'M7 15h.01', 'M12 15h.01', 'M17 15h.01', 'M8 10V7a4 4 0 0 1 8 0v3'] },
  mapPin: { paths: ['M21 10c0 7-9 13-9 13s-9-6-9-13a9 9 0 0 1 18 0z', circle(12, 10, 3)] },
  travel: { paths: ['M22 2L11 13', 'M22 2l-7 20-4-9-9-4 20-7z'] },
  car: { paths: ['M3 17v-5l2.5-6h13L21 12v5H3z', 'M3 12h18', circle(7, 17.5, 2), circle(17, 17.5, 2)] },
  document: {
    paths: ['M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z', 'M14 2v6h6', 'M9 15l2 2 4-4'],
  },
  staff: {
    paths: ['M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2', circle(9, 7, 4), 'M23 21v-2a4 4 0 0 0-3-3.9', 'M16 3.1a4 4 0 0 1 0 7.8'],
  },
  shield: { paths: ['M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z'] },
  call: {
    paths: [
      'M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8.1 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z',
    ],
  },
  tool: {
    paths: [
      'M14.7 6.3a1 1 0 0 0 0 1.4l1.6 1.6a1 1 0 0 0 1.4 0l3.8-3.8a6 6 0 0 1-7.9 7.9l-6.9 6.9a2.1 2.1 0 0 1-3-3l6.9-6.9a6 6 0 0 1 7.9-7.9l-3.8 3.8z',
    ],
  },
  touch: { paths: [circle(12, 12, 6.5), circle(12, 12, 10.5)], filled: [circle(12, 12, 3)] },
  keyboard: {
    paths: ['M3 6h18a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1z', 'M6 10h.01', 'M10 10h.01', 'M14 10h.01', 'M18 10h.01', 'M7 14h10'],
  },
  emblem: { paths: ['M12 2l8 4v6c0 5-3.5 8.5-8 10-4.5-1.5-8-5-8-10V6z', 'M8.5 12l2.5 2.5 4.5-5'] },
  printer: { paths: ['M6 9V2h12v7', 'M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2', 'M6 14h12v8H6z'] },
} as const satisfies Record<string, IconShape>;

export type IconName = keyof typeof icons;
