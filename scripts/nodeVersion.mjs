// The Node this project runs on is pinned: package.json "engines" (^M.m.p, the
// major the pinned Electron embeds), .nvmrc (that major) and .ci/node.env (the
// exact build CI installs). README, "Node". Scripts call requirePinnedNode()
// first, so someone on another Node reads what to do instead of a stack trace.
import { readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url);

/** package.json's engines.node, which must have the form ^M.m.p: the major, and the lowest version of it that works. */
export function pinnedNode(packageJson = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))) {
  const range = packageJson.engines?.node ?? '';
  const match = /^\^(\d+)\.(\d+)\.(\d+)$/.exec(range);
  if (!match) throw new Error(`package.json engines.node is "${range}"; it must be ^MAJOR.MINOR.PATCH`);
  const [major, minor, patch] = match.slice(1).map(Number);
  return { range, major, minimum: [major, minor, patch] };
}

/** Null when `version` satisfies the pin; otherwise the paragraph that tells a developer what to do. */
export function nodeVersionProblem({ version = process.versions.node, execPath = process.execPath, what = 'This project', pin = pinnedNode() } = {}) {
  const parts = version.replace(/^v/, '').split('.').map(Number);
  const sameMajor = parts[0] === pin.major;
  const atLeast = sameMajor && (parts[1] > pin.minimum[1] || (parts[1] === pin.minimum[1] && parts[2] >= pin.minimum[2]));
  if (atLeast) return null;
  return [
    `${what} runs on Node ${pin.major} (package.json engines "${pin.range}": the Node the pinned Electron embeds, so tests run what production runs).`,
    `This is Node ${version} (${execPath}).`,
    `Put Node ${pin.major} first on PATH for this shell, then install the dependencies under it:`,
    '  . .ci/use-node.sh          # the pinned build from the npm registry, into .ci/node (checked against .ci/node.env)',
    '  # or: nvm install && nvm use   (.nvmrc)',
    '  npm ci',
  ].join('\n');
}

/** Exits with the explanation when this process's Node is not the pinned one. */
export function requirePinnedNode(what) {
  const problem = nodeVersionProblem({ what });
  if (problem === null) return;
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
