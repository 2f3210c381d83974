import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import type { ResponderFamily } from '../../lib/catalogue';
import { RESPONDER_ESBUILD_OPTIONS as O } from '../../lib/constructs/private/bundling-options';

const REPO_ROOT = path.join(__dirname, '..', '..');

export interface Bundle {
  /** The bundled handler: `<outDir>/index.js`, as NodejsFunction writes it. */
  readonly file: string;
  readonly bytes: number;
}

/**
 * The esbuild options NodejsFunction derives from the construct's `bundling` (aws-lambda-nodejs
 * Bundling.buildEsbuildArgs): `--bundle --platform=node --target --format --minify --main-fields`,
 * one `--external` per external module, no source map, run from the project root.
 */
export function responderBuildOptions(family: ResponderFamily, outfile: string): BuildOptions {
  return {
    absWorkingDir: REPO_ROOT,
    entryPoints: [path.join(REPO_ROOT, 'lambdas', 'responders', `${family}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    target: O.target,
    format: O.format,
    minify: O.minify,
    sourcemap: O.sourceMap,
    mainFields: [...O.mainFields],
    external: [...O.externalModules],
    logLevel: 'silent',
  };
}

/** Bundles a responder family exactly as deployed into `outDir/index.js`. */
export async function bundleResponder(family: ResponderFamily, outDir: string): Promise<Bundle> {
  const file = path.join(outDir, 'index.js');
  await build(responderBuildOptions(family, file));
  return { file, bytes: fs.statSync(file).size };
}

/** A fresh directory under the OS temp dir for one test file's bundles. */
export function bundleDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ar-bundle-${label}-`));
}
