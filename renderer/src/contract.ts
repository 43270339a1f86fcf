/** The one door from the renderer into electron/: the typed kiosk contract. */
export * from '../../electron/contract';
