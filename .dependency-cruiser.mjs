// Which layer may import which (shared/ARCHITECTURE.md, "Import direction"):
//
//   common            → nothing of ours
//   electron/contract → common
//   drivers           → common
//   electron/core     → electron/contract, drivers, common
//   electron/main, electron/preload → electron/contract, common (main starts the core by path, never imports it)
//   electron/host     → electron/core, electron/contract, common (the browser host: the core in a Node process)
//   renderer          → electron/contract, common
//   central           → common
//
// and nothing in the product imports central/, but the demo's embedded central
// and the lab, dynamically. Tests and rigs (test/, any testing/ folder,
// *.test.ts) may import across layers; the product never imports them.
// `npx depcruise common electron drivers renderer central` runs it;
// test/unit/dependencies.test.ts runs it in the unit suite.

const TESTS = ['\\.test\\.ts$', '(^|/)testing/', '^test/'];
const PRODUCT = '^(common|electron|drivers|renderer|central)/';

/** The files that start the embedded central or the lab's, in the demo profile only. */
const DEMO_ONLY = ['^electron/core/start\\.ts$', '^electron/core/devDock/embeddedCentral\\.ts$', '^drivers/lab/'];

/**
 * `from` may import only itself and what `allowed` names of ours (packages
 * are not policed here). central/ from outside it has rules of its own below.
 */
function layer(name, from, allowed, comment) {
  const central = from === '^central/' ? [] : ['^central/'];
  return {
    name,
    comment,
    severity: 'error',
    from: { path: from, pathNot: TESTS },
    to: { path: PRODUCT, pathNot: [from, ...allowed, ...central, ...TESTS] },
  };
}

// Violations accepted for now, each with its way out, as dependency-cruiser's
// known-violation entries ({ type: 'dependency', rule: { name, severity }, from, to }).
// None today; one that is gone fails the unit spec, so the list only shrinks.
export const knownViolations = [];

export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles in the product, type-only ones included: a cycle is one module in two files.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: TESTS },
      to: { circular: true },
    },
    layer('common-imports-nothing-of-ours', '^common/', [], 'common/ is the ground floor: everything may import it and it imports nothing of the kiosk.'),
    layer('contract-imports-only-common', '^electron/contract/', ['^common/'], 'The contract is shared with the renderer: it depends on common/ alone.'),
    layer('drivers-import-only-common', '^drivers/', ['^common/'], 'Drivers sit under the core: they know common/ and nothing above.'),
    layer('core-imports-contract-drivers-common', '^electron/core/', ['^electron/contract/', '^drivers/', '^common/'], 'The core runs in plain Node under main or the browser host, never the other way round.'),
    layer('main-imports-only-contract-and-common', '^electron/(main|preload)/', ['^electron/(main|preload)/', '^electron/contract/', '^common/'], 'main starts the core as a process by path; preload hands the renderer the contract.'),
    layer('host-imports-core-contract-common', '^electron/host/', ['^electron/core/', '^electron/contract/', '^common/'], 'The browser host runs the core in its own process and serves the renderer; it reaches devices through the core.'),
    layer('renderer-imports-only-contract-and-common', '^renderer/', ['^electron/contract/', '^common/'], 'The renderer is a web page: it reaches the core through the contract alone.'),
    layer('central-imports-only-common', '^central/', ['^common/'], 'Central shares the wire contract and the rules with the kiosk through common/, nothing else.'),
    {
      name: 'no-central-in-product',
      comment: 'Nothing in the product imports central/ but the demo-only files (the embedded central, the lab): a production kiosk talks to a remote central over HTTPS.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: ['^central/', ...DEMO_ONLY, ...TESTS] },
      to: { path: '^central/' },
    },
    {
      name: 'demo-central-dynamic-only',
      comment: 'The demo-only files reach central/ by dynamic import, so a production build carries none of it; a type-only import is erased at build and may stay.',
      severity: 'error',
      from: { path: DEMO_ONLY, pathNot: TESTS },
      to: { path: '^central/', dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
    {
      name: 'product-not-to-tests',
      comment: 'Tests and rigs may import the product; the product never imports them.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: TESTS },
      to: { path: TESTS },
    },
    {
      name: 'electron-only-in-main',
      comment: 'Only electron/main and electron/preload import electron: the core, the drivers and the host run in plain Node.',
      severity: 'error',
      from: { path: PRODUCT, pathNot: ['^electron/(main|preload)/', ...TESTS] },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'no-node-in-common-or-renderer',
      comment: 'common/ runs everywhere and the renderer is a sandboxed page: no Node built-ins.',
      severity: 'error',
      from: { path: '^(common|renderer)/', pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|\\.tsbuild|test-results)/' },
    // Type imports count: a layer may not name a type from above it either.
    tsPreCompilationDeps: true,
    knownViolations,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.vue', '.json'],
    },
  },
};
