import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import type { ResponderFamily } from '../../lib/catalogue';
import { responderBuildOptions as deployedOptions, responderEntry } from '../../lib/constructs/private/bundling-options';

export interface Bundle {
  /** The bundled handler: `<outDir>/index.js`, as the construct deploys it. */
  readonly file: string;
  readonly bytes: number;
  /** The packages (by node_modules name) whose code is in the bundle. */
  readonly packages: ReadonlySet<string>;
}

/** The esbuild options the construct bundles a family with (lib/constructs/private/bundling-options.ts). */
export function responderBuildOptions(family: ResponderFamily, outfile: string): BuildOptions {
  return { ...deployedOptions(), entryPoints: [responderEntry(family)], outfile };
}

/** Bundles a responder family exactly as deployed into `outDir/index.js`. */
export async function bundleResponder(family: ResponderFamily, outDir: string): Promise<Bundle> {
  const file = path.join(outDir, 'index.js');
  const { metafile } = await build({ ...responderBuildOptions(family, file), metafile: true });
  const inputs = Object.values(metafile.outputs).flatMap((o) => Object.keys(o.inputs));
  const packages = new Set(inputs.flatMap((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1] ?? []));
  return { file, bytes: fs.statSync(file).size, packages };
}

/** A fresh directory under the OS temp dir for one test file's bundles. */
export function bundleDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ar-bundle-${label}-`));
}
