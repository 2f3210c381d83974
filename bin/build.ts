/**
 * `npm run build`: the library as a package consumers install. `dist/` gets the compiled
 * JavaScript and declarations of `lib/index.ts` (tsconfig.build.json) and every function
 * pre-bundled (`dist/bundles/<role>/index.js`, the esbuild options of the construct), so a
 * consumer's synth needs neither esbuild nor Docker.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { FUNCTION_ROLES, prebuiltBundleDir, REPO_ROOT, responderBuildOptions, responderEntry } from '../lib/constructs/private/bundling-options';

const DIST = path.join(REPO_ROOT, 'dist');

fs.rmSync(DIST, { recursive: true, force: true });

const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(REPO_ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

// One esbuild run for every role: shared code is parsed once.
buildSync({
  ...responderBuildOptions(),
  logLevel: 'error',
  entryPoints: FUNCTION_ROLES.map((role) => ({ in: responderEntry(role), out: path.relative(DIST, path.join(prebuiltBundleDir(role, DIST), 'index')) })),
  outdir: DIST,
});

const bytes = (dir: string): number =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isDirectory() ? bytes(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).size), 0);
const kb = (n: number): string => `${Math.round(n / 1024)} KB`;
const bundles = path.dirname(prebuiltBundleDir(FUNCTION_ROLES[0], DIST));
process.stdout.write(`dist/ ${kb(bytes(DIST))}: library ${kb(bytes(DIST) - bytes(bundles))}, ${FUNCTION_ROLES.length} bundles ${kb(bytes(bundles))}\n`);
