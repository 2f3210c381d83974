/**
 * `npm run build`: the library as a package consumers install. `dist/` gets the compiled
 * JavaScript and declarations of `lib/index.ts` (tsconfig.build.json) and every function
 * pre-bundled (`dist/bundles/<role>/index.js`, the esbuild options of the construct), so a
 * consumer's synth needs neither esbuild nor Docker. The approve command is bundled into
 * `dist/bin/approve.js` (the package's `alert-responder-approve`), its dependencies left to npm.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { BUNDLED_FUNCTIONS, bundleEntry, prebuiltBundleDir, REPO_ROOT, responderBuildOptions } from '../lib/constructs/private/bundling-options';

const DIST = path.join(REPO_ROOT, 'dist');

/** tsc on tsconfig.build.json; resolves with its exit code. */
function compile(): Promise<number> {
  const tsc = spawn(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(REPO_ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    tsc.on('error', reject);
    tsc.on('close', (code) => resolve(code ?? 1));
  });
}

/** Every role in one esbuild run (shared code is parsed once). */
async function bundle(): Promise<void> {
  await build({
    ...responderBuildOptions(),
    logLevel: 'error',
    entryPoints: BUNDLED_FUNCTIONS.map((fn) => ({ in: bundleEntry(fn), out: path.relative(DIST, path.join(prebuiltBundleDir(fn, DIST), 'index')) })),
    outdir: DIST,
  });
}

/** The approve CLI: one file, requiring only Node.js and the package's own dependencies. */
async function bundleCli(): Promise<void> {
  await build({
    entryPoints: [path.join(REPO_ROOT, 'bin', 'approve.ts')],
    outfile: path.join(DIST, 'bin', 'approve.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    banner: { js: '#!/usr/bin/env node' },
    logLevel: 'error',
  });
}

function bytes(dir: string): number {
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? bytes(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
}

async function main(): Promise<void> {
  fs.rmSync(DIST, { recursive: true, force: true });
  // tsc is single-threaded and esbuild mostly waits for it: run both at once.
  const [code] = await Promise.all([compile(), bundle(), bundleCli()]);
  if (code !== 0) throw new Error(`tsc -p tsconfig.build.json exited with ${code}`);
  const kb = (n: number): string => `${Math.round(n / 1024)} KB`;
  const bundles = path.dirname(prebuiltBundleDir(BUNDLED_FUNCTIONS[0] ?? 'verifier', DIST));
  process.stdout.write(`dist/ ${kb(bytes(DIST))}: library ${kb(bytes(DIST) - bytes(bundles))}, ${BUNDLED_FUNCTIONS.length} bundles ${kb(bytes(bundles))}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
