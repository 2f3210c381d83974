import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let root: string | undefined;

/** One temporary directory per process for the asset directories written here, removed at exit. */
function assetRoot(): string {
  if (root) return root;
  const made = fs.mkdtempSync(path.join(os.tmpdir(), 'alert-responder-assets-'));
  // CDK copies every asset into the cloud assembly during app.synth(), before the process exits.
  process.once('exit', () => fs.rmSync(made, { recursive: true, force: true }));
  root = made;
  return made;
}

/**
 * Writes `files` (relative path → contents) into a new directory and returns its path, for
 * `lambda.Code.fromAsset`. Assets made this way need no CDK bundling, which prints a
 * "Bundling asset" line per function on every synth (the CLI's --quiet cannot hide it).
 */
export function writeAssetDir(name: string, files: Readonly<Record<string, string | Uint8Array>>): string {
  const dir = fs.mkdtempSync(path.join(assetRoot(), `${name}-`));
  for (const [file, contents] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), contents);
  }
  return dir;
}
