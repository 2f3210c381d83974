/** Builds every responder as deployed and, for the baseline, with its dependencies left in node_modules. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { RESPONDER_FAMILIES } from '../lib/catalogue';
import { responderBuildOptions, responderEntry, type FunctionRole } from '../lib/constructs/private/bundling-options';

/** Inside the repository, so that an unbundled handler finds node_modules. */
export const OUT_DIR = path.join(__dirname, '.out');

export const ROLES: readonly FunctionRole[] = [...RESPONDER_FAMILIES, 'verifier'];

export interface BuiltResponder {
  readonly role: FunctionRole;
  /** Minified, SDK included: the construct's bundle. */
  readonly bundled: string;
  readonly bytes: number;
  readonly metafile: Metafile;
  /** The project's own code bundled, every package loaded from node_modules at require time. */
  readonly unbundled: string;
}

async function buildOne(role: FunctionRole): Promise<BuiltResponder> {
  const bundled = path.join(OUT_DIR, 'bundled', role, 'index.js');
  const unbundled = path.join(OUT_DIR, 'unbundled', role, 'index.js');
  const entryPoints = [responderEntry(role)];
  const [{ metafile }] = await Promise.all([
    build({ ...responderBuildOptions(), entryPoints, outfile: bundled, metafile: true }),
    build({ ...responderBuildOptions(), entryPoints, outfile: unbundled, packages: 'external' }),
  ]);
  return { role, bundled, bytes: fs.statSync(bundled).size, metafile, unbundled };
}

export async function buildResponders(): Promise<BuiltResponder[]> {
  fs.rmSync(path.join(OUT_DIR, 'bundled'), { recursive: true, force: true });
  fs.rmSync(path.join(OUT_DIR, 'unbundled'), { recursive: true, force: true });
  const built: BuiltResponder[] = [];
  // One at a time: esbuild already uses both cores.
  for (const role of ROLES) built.push(await buildOne(role));
  return built;
}

/** The package (or project folder) an input file belongs to. */
export function packageOf(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m ? m[1] : input.split('/').slice(0, 2).join('/');
}

/** Bytes in the output per package, largest first. */
export function bytesByPackage(metafile: Metafile): Array<[string, number]> {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = packageOf(input);
      totals.set(pkg, (totals.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}
