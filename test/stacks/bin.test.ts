import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG_PATH } from '../helpers/synth';

const ROOT = join(__dirname, '..', '..');
const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), label));
  made.push(dir);
  return dir;
}

/** Runs bin/alert-responder.ts as the CDK CLI would: context in CDK_CONTEXT_JSON, output in CDK_OUTDIR. */
function runApp(context: Record<string, unknown>) {
  const outdir = tempDir('alert-responder-bin-');
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bin', 'alert-responder.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: {
      ...process.env,
      CDK_OUTDIR: outdir,
      CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [], ...context }),
    },
  });
  return { ...result, outdir };
}

describe('bin/alert-responder.ts', () => {
  test('fails when the configuration is invalid: exit 1, every problem on stderr, no stack trace', () => {
    const config = JSON.parse(readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
    config.prefix = 'Bad_Prefix';
    config.systems[0].resources.lambda[0].name = '';
    const path = join(tempDir('alert-responder-config-'), 'bad.json');
    writeFileSync(path, JSON.stringify(config));

    const result = runApp({ config: path });

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`Invalid alert-responder configuration (${path}): 2 problems`);
    expect(result.stderr).toContain('prefix: must be 2-20 lowercase letters');
    expect(result.stderr).toContain('systems[0].resources.lambda[0].name');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  }, 60_000);

  test('`cdk synth --quiet` synthesizes the default configuration, bundled, with the cdk-nag packs and validation on, and says nothing else', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'alert-responder-cli-'));
    // The CLI as `npm run synth` runs it: cdk.json's app command, feature flags and settings.
    const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk'), 'synth', '--quiet', '-o', outdir], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CI: 'false' },
    });

    expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 0, stdout: '' });
    // What remains is the CLI's own summary of a multi-stack synth, which no option silences.
    const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toEqual([expect.stringMatching(/^Successfully synthesized to /), expect.stringMatching(/^Supply a stack id \(.*\) to display its template\.$/)]);
    const templates = readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
    expect(templates.sort()).toEqual(['ar-ai-lifestyle-app', 'ar-core', 'ar-healthhub', 'ar-hlekkr', 'ar-rung', 'ar-telehealth-crm'].map((s) => `${s}.template.json`));
    expect(readdirSync(outdir).filter((f) => f.startsWith('asset.')).length).toBeGreaterThan(0);
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
    expect(report.pluginReports).toEqual([]);
  }, 180_000);
});
