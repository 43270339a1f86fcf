export interface PinnedNode {
  range: string;
  major: number;
  minimum: [number, number, number];
}

export function pinnedNode(packageJson?: { engines?: { node?: string } }): PinnedNode;

export function nodeVersionProblem(options?: { version?: string; execPath?: string; what?: string; pin?: PinnedNode }): string | null;

export function requirePinnedNode(what: string): void;
