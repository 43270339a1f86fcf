/** The one door from the renderer into electron/: the typed kiosk contract (no zod: the schemas stay with the core). */
export * from '../../electron/contract';
