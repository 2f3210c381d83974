/**
 * How every responder is bundled, in one place: the construct (responder-bundles.ts), the
 * package build (bin/build.ts), the tests that run the bundle as deployed (test/helpers/bundle.ts)
 * and the benchmarks all read this. No CDK import, so a test can use it without loading aws-cdk-lib.
 */
import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';
import { RESPONDER_FAMILIES, type ResponderFamily } from '../../catalogue';

export const REPO_ROOT = path.join(__dirname, '..', '..', '..');

/**
 * The root of the library code: `lib/` when running from the TypeScript sources, `dist/` in the
 * compiled package.
 */
const LIBRARY_ROOT = path.join(__dirname, '..', '..');

/** The functions the construct builds: the responder families, and the verifier of applied actions. */
export type FunctionRole = ResponderFamily | 'verifier';

/** Every function role, each bundled once. */
export const FUNCTION_ROLES: readonly FunctionRole[] = [...RESPONDER_FAMILIES, 'verifier'];

/**
 * A function bundled like the responders that is no responder: the provider of
 * Custom::EnsureLogGroups, and the operations account's forwarder of every account's records.
 */
export type HelperFunction = 'ensure-log-groups' | 'forward-records';

/** Every function this library deploys, each bundled once (and pre-bundled in the package). */
export type BundledFunction = FunctionRole | HelperFunction;
export const BUNDLED_FUNCTIONS: readonly BundledFunction[] = [...FUNCTION_ROLES, 'ensure-log-groups', 'forward-records'];

/** The handler source of any bundled function. */
export function bundleEntry(fn: BundledFunction): string {
  if (fn === 'ensure-log-groups') return path.join(REPO_ROOT, 'lib', 'custom-resources', 'ensure-log-groups-handler.ts');
  if (fn === 'forward-records') return path.join(REPO_ROOT, 'lambdas', 'forwarder', 'handler.ts');
  return responderEntry(fn);
}

/** Where a handler lives: `lambdas/responders/<family>.ts`, or `lambdas/verifier/handler.ts`. */
export function responderEntry(role: FunctionRole): string {
  if (role === 'verifier') return path.join(REPO_ROOT, 'lambdas', 'verifier', 'handler.ts');
  return path.join(REPO_ROOT, 'lambdas', 'responders', `${role}.ts`);
}

/**
 * The folder holding a role's pre-built `index.js` below a library root: `<root>/bundles/<role>/`.
 * The package build writes them under `dist/`; from the sources (`lib/bundles/`) it never exists.
 * @param libraryRoot where the compiled library is (default: the library this file belongs to)
 */
export function prebuiltBundleDir(role: BundledFunction, libraryRoot: string = LIBRARY_ROOT): string {
  return path.join(libraryRoot, 'bundles', role);
}

/**
 * esbuild's options for a responder bundle (the `index.js` the function runs), without entry
 * points and output: what NodejsFunction would run with `bundling: { minify, target, mainFields,
 * format: CJS }`. Checked with `satisfies` rather than declared as esbuild's type, so the
 * package's declarations name no esbuild type (esbuild is not a dependency of the package).
 */
export function responderBuildOptions() {
  return {
    absWorkingDir: REPO_ROOT,
    bundle: true,
    platform: 'node',
    minify: true,
    sourcemap: false,
    // Deployed on Node 24, but the bundles must also load on the Node 20 the tests run on.
    target: 'node20',
    // Module-first resolution tree-shakes the SDK's ES builds (about half the size and cold start).
    mainFields: ['module', 'main'],
    format: 'cjs',
    // Bundle the SDK too: a bundled client loads faster than the runtime's copy.
    external: [] as string[],
    logLevel: 'silent',
  } satisfies BuildOptions;
}
