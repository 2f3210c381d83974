import { spawn } from 'node:child_process';
import { join } from 'node:path';

const REPO = join(__dirname, '..', '..', '..');
const README_COMMAND = ['--alarm', 'ar-rung-high-latency-rung-api-prod', '--state', 'examples/state/default.json'];

/** The environment of a fresh clone on a laptop without AWS: no credentials, and nowhere to send a request. */
function offline(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_REGION', 'AWS_DEFAULT_REGION']) delete env[name];
  return { ...env, AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_CONFIG_FILE: '/nonexistent/config', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' };
}

/** Runs `npm run respond -- ARGS` as npm does (without npm's own start-up), to its end. */
function respond(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'bin/respond.ts', ...args], { cwd: REPO, env: offline(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => void (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('bin/respond.ts', () => {
  it('runs the README’s offline dry run and prints the plan', async () => {
    const { code, stdout, stderr } = await respond(README_COMMAND);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toContain('Alarm     ar-rung-high-latency-rung-api-prod (ALARM)');
    expect(stdout).toMatch(/Mode {6}dry-run {3}Decision planned \(dry-run\)/);
    expect(stdout).toMatch(/rung-api-prod:prod\s+raise-provisioned-concurrency\s+planned\s+\{"provisionedConcurrency":1.*\{"provisionedConcurrency":3}/);
  });

  it('says credentials are missing, and how to run offline, without a failed plan', async () => {
    const { code, stdout, stderr } = await respond(['--alarm', 'ar-rung-high-latency-rung-api-prod']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/No AWS credentials found\..* Or use --state FILE for an offline dry run/);
    expect(stdout).not.toMatch(/failed/);
  });

  it('lists capture and --state in --help', async () => {
    const { code, stdout } = await respond(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('npm run respond -- capture --out FILE');
    expect(stdout).toContain('--state FILE');
  });
});
