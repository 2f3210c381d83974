/**
 * The package as a consumer gets it: built, packed by npm, installed from the tarball into a copy
 * of examples/consumer-app.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';
import { run } from './processes';

export const REPO_ROOT = path.join(__dirname, '..', '..');
export const CONSUMER_APP = path.join(REPO_ROOT, 'examples', 'consumer-app');

const packResult = z
  .array(
    z.object({
      filename: z.string(),
      size: z.number(),
      unpackedSize: z.number(),
      entryCount: z.number(),
      files: z.array(z.object({ path: z.string(), size: z.number() })),
    }),
  )
  .length(1);

/** What `npm pack --json` reports of the one package packed. */
export type Packed = z.infer<typeof packResult>[number];

/** `npm run build`, as `prepack` would run it. */
export async function buildPackage(): Promise<void> {
  await run(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(REPO_ROOT, 'bin', 'build.ts')], { cwd: REPO_ROOT });
}

/** `npm pack` of the built package (scripts skipped: build first), or its dry run. */
export async function pack(destination: string, options: { dryRun: boolean }): Promise<Packed> {
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', destination, ...(options.dryRun ? ['--dry-run'] : [])];
  const { stdout } = await run('npm', args, { cwd: REPO_ROOT });
  const parsed = packResult.safeParse(JSON.parse(stdout));
  if (!parsed.success) throw new Error(`npm pack --json printed an unexpected shape: ${parsed.error.message}\n${stdout}`);
  const [packed] = parsed.data;
  if (!packed) throw new Error('npm pack packed nothing');
  return packed;
}

/**
 * Copies examples/consumer-app to `<root>/examples/consumer-app` (without anything installed or
 * built), so its dependency `file:../../alert-responder-<version>.tgz` finds a tarball packed
 * into `root`, and installs it with `npm ci` from its lockfile: the npm cache filled by this
 * repository's `npm ci` holds every package at the same versions, so nothing is downloaded.
 * Development dependencies (the CDK CLI, TypeScript) are left out: the test uses this repository's.
 */
export async function installConsumerApp(root: string): Promise<string> {
  const app = path.join(root, 'examples', 'consumer-app');
  const skipped = new Set(['node_modules', 'build', 'cdk.out']);
  fs.cpSync(CONSUMER_APP, app, { recursive: true, filter: (source) => !skipped.has(path.basename(source)) });
  await run('npm', ['ci', '--prefer-offline', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: app });
  return app;
}
