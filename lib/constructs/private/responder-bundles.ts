/**
 * The code of a responder function: its `index.js`. One rule decides where it comes from: the
 * compiled package ships every function pre-bundled (`dist/bundles/<role>/index.js`, written by
 * `npm run build` with responderBuildOptions) and deploys that file as it is; running from the
 * TypeScript sources (this repository's synth and tests) there is no such folder, and the handler
 * is bundled here by esbuild with the same options. An explicit `entry` is always bundled here.
 * esbuild is loaded only when something is bundled, so the package runs without it.
 *
 * NodejsFunction would run `npx esbuild` once per family (CDK's asset cache reuses the output
 * for the same family in other systems): about 1 s a run, most of it starting npx and parsing the
 * SDK again. Here the first function that needs a bundle builds every handler in one esbuild run
 * (in memory), which parses shared code once and takes about as long as two runs. Each bundle is
 * then written once to a directory that becomes a plain asset: no CDK bundling step, so synth
 * prints no "Bundling asset" line per function, and the asset is hashed by its content, as
 * NodejsFunction's output is. Stacks excluded from bundling (`aws:cdk:bundling-stacks`) build
 * nothing and get a placeholder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type * as esbuild from 'esbuild';
import { writeAssetDir } from './asset-dir';
import { BUNDLED_FUNCTIONS, bundleEntry, prebuiltBundleDir, REPO_ROOT, responderBuildOptions, type BundledFunction } from './bundling-options';

/** Every handler the app deploys, built together on first use. */
const ALL_ENTRIES = BUNDLED_FUNCTIONS.map(bundleEntry);

/** esbuild, required on first use rather than imported: the package's compiled code must load without it. */
function loadEsbuild(entry: string): typeof esbuild {
  try {
    return require('esbuild') as typeof esbuild;
  } catch (err) {
    throw new Error(
      `Bundling ${entry} needs esbuild, which is not installed (${(err as Error).message}). The published package ships every handler pre-bundled; ` +
        'install esbuild only to bundle your own `entry`, or reinstall alert-responder if its dist/bundles folder is missing.',
    );
  }
}

/** Entry file → the directory holding its bundled `index.js`, for this process. */
const built = new Map<string, string>();

/** Bundles `entry` (and every handler not yet built, in the same esbuild run); returns its asset directory. */
function bundleDirOf(entry: string): string {
  const done = built.get(entry);
  if (done) return done;
  const entries = [entry, ...ALL_ENTRIES.filter((e) => e !== entry && !built.has(e))];
  // Nothing is written there (write: false): esbuild only names its outputs after it.
  const outdir = path.join(REPO_ROOT, '.responder-bundles');
  const { outputFiles } = loadEsbuild(entry).buildSync({ ...responderBuildOptions(), entryPoints: entries.map((e, i) => ({ in: e, out: `${i}/index` })), outdir, write: false });
  const byPath = new Map(outputFiles.map((f) => [f.path, f.contents]));
  entries.forEach((e, i) => {
    const contents = byPath.get(path.join(outdir, String(i), 'index.js'));
    if (!contents) throw new Error(`esbuild produced no bundle for ${e}`);
    built.set(e, writeAssetDir(path.basename(e, '.ts'), { 'index.js': contents }));
  });
  const dir = built.get(entry);
  if (!dir) throw new Error(`esbuild produced no bundle for ${entry}`);
  return dir;
}

let placeholder: string | undefined;

/**
 * The Lambda code of a function role, whose handler is `index.handler`: its pre-built bundle when
 * the library has one and no other `entry` is asked for, else `entry` (default: the role's handler
 * source) bundled now, unless the stack is excluded from bundling.
 */
export function responderCode(scope: Construct, role: BundledFunction, entry?: string): lambda.Code {
  const prebuilt = prebuiltBundleDir(role);
  if (entry === undefined && fs.existsSync(path.join(prebuilt, 'index.js'))) return lambda.Code.fromAsset(prebuilt);
  if (!Stack.of(scope).bundlingRequired) {
    placeholder ??= writeAssetDir('unbundled', { 'index.js': '// Not bundled: this stack was excluded from bundling (aws:cdk:bundling-stacks).\n' });
    return lambda.Code.fromAsset(placeholder);
  }
  return lambda.Code.fromAsset(bundleDirOf(path.resolve(entry ?? bundleEntry(role))));
}
