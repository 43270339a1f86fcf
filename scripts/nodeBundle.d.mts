/** Types for nodeBundle.mjs (plain Node, so the build scripts need no loader). */
export const nativePackages: string[];
export const nodeBundle: { bundle: true; platform: 'node'; format: 'esm'; target: string; banner: { js: string } };
