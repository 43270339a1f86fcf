import type { Component } from 'vue';

/**
 * The component that draws each screen, found among a folder's components
 * (`import.meta.glob`, eager) by its file's name: `fileOf(screen)`. A screen
 * whose file is missing stops the view where it is built (and its unit
 * spec), never a person at a blank step.
 */
export function screenTable<S extends string>(files: Readonly<Record<string, Component>>, screens: readonly S[], fileOf: (screen: S) => string): Record<S, Component> {
  const table: Partial<Record<S, Component>> = {};
  for (const screen of screens) {
    const component = files[fileOf(screen)];
    if (!component) throw new Error(`no component draws the screen "${screen}": ${fileOf(screen)} is missing`);
    table[screen] = component;
  }
  return table as Record<S, Component>;
}

/** `idEntry` → `IdEntry`: a screen's name as its component's file begins. */
export const fileStem = (screen: string): string => `${screen.charAt(0).toUpperCase()}${screen.slice(1)}`;
