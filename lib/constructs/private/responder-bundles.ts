/**
 * The code of a responder function: its `index.js`, bundled by esbuild with responderBuildOptions.
 *
 * NodejsFunction would run `npx esbuild` once per family (CDK's asset cache reuses the output
 * for the same family in other systems): about 1 s a run, most of it starting npx and parsing the
 * SDK again. Here the first function that needs a bundle builds every handler in one esbuild run,
 * which parses shared code once and takes about as long as two runs; each asset then copies its
 * own `index.js` from that build. The asset is hashed by its output, as NodejsFunction's is, and
 * stacks excluded from bundling (`aws:cdk:bundling-stacks`) build nothing.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AssetHashType, type ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';
import { RESPONDER_FAMILIES } from '../../catalogue';
import { REPO_ROOT, responderBuildOptions, responderEntry } from './bundling-options';

/** Every handler the app deploys, built together on first use. */
const ALL_ENTRIES = [...RESPONDER_FAMILIES, 'verifier' as const].map(responderEntry);

/** Entry file → the directory holding its bundled `index.js`, for this process. */
const built = new Map<string, string>();
let cacheDir: string | undefined;

/** Bundles `entry` (and every handler not yet built, in the same esbuild run); returns its directory. */
function bundleDirOf(entry: string): string {
  const done = built.get(entry);
  if (done) return done;
  if (!cacheDir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alert-responder-bundles-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    cacheDir = dir;
  }
  const entries = [entry, ...ALL_ENTRIES.filter((e) => e !== entry && !built.has(e))];
  const outdir = fs.mkdtempSync(path.join(cacheDir, 'build-'));
  buildSync({ ...responderBuildOptions(), entryPoints: entries.map((e, i) => ({ in: e, out: `${i}/index` })), outdir });
  entries.forEach((e, i) => built.set(e, path.join(outdir, String(i))));
  return path.join(outdir, '0');
}

/** Local bundling by copy; `entry` is part of CDK's asset cache key (the JSON of the bundling options). */
class PrebuiltBundle implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    fs.copyFileSync(path.join(bundleDirOf(this.entry), 'index.js'), path.join(outputDir, 'index.js'));
    return true;
  }
}

/** The bundled handler file `entry` as Lambda code; its handler is `index.handler`. */
export function responderCode(entry: string, runtime: lambda.Runtime): lambda.Code {
  return lambda.Code.fromAsset(REPO_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    // The image is never used: local bundling always succeeds (no Docker).
    bundling: { image: runtime.bundlingImage, local: new PrebuiltBundle(path.resolve(entry)) },
  });
}
