/**
 * Synthesis of generated configurations of 100, 1,000 and 10,000 monitored resources (and 1,000 in
 * 50 small systems): the command users run, `cdk synth --quiet` through the CLI and cdk.json
 * (bundling, the cdk-nag packs and CDK's template validation, which cdk runs by default), timed
 * with its peak memory; its templates checked against AWS's quotas; and the same app once more in
 * a process of its own, timing construction, template validation and cdk-nag apart.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkQuotas, type QuotaFigures, type StackTemplate } from '../test/helpers/quotas';
import { OUT_DIR } from './bundles';
import { generateConfig } from './generate-config';
import { ratio, type Section } from './report';
import type { SynthFigures } from './synth-child';

const ROOT = path.join(__dirname, '..');
const CDK = path.join(ROOT, 'node_modules', 'aws-cdk', 'bin', 'cdk');
/** GNU time, for the peak memory of the CLI and the app it runs (its largest process). */
const GNU_TIME = '/usr/bin/time';

interface Size {
  readonly label: string;
  readonly resources: number;
  readonly systems?: number;
}

const SIZES: readonly Size[] = [
  { label: '100', resources: 100 },
  { label: '1,000', resources: 1000 },
  // Ten times the five systems of the default configuration: small systems, many responders.
  { label: '1,000 in 50 systems', resources: 1000, systems: 50 },
  { label: '10,000', resources: 10_000 },
];

interface CliRun {
  readonly seconds: number;
  /** CPU seconds (user + system) of the CLI and the app it runs: what an idle machine would wait, bundling's threads aside. */
  readonly cpuSeconds?: number;
  readonly peakMb?: number;
  readonly quotas: QuotaFigures;
  readonly problems: readonly string[];
}

/** `cdk synth --quiet -c config=FILE -o DIR`, as `npm run synth` runs it with another configuration. */
function cliSynth(configPath: string, outdir: string): CliRun {
  fs.rmSync(outdir, { recursive: true, force: true });
  const timed = fs.existsSync(GNU_TIME);
  const args = [CDK, 'synth', '--quiet', '-c', `config=${configPath}`, '-o', outdir];
  const started = process.hrtime.bigint();
  const child = timed
    ? spawnSync(GNU_TIME, ['-f', 'peak-kb %M cpu %U %S', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    : spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (child.status !== 0) throw new Error(`cdk synth of ${configPath} failed:\n${child.stderr}`);
  const measured = /peak-kb (\d+) cpu ([\d.]+) ([\d.]+)/.exec(child.stderr);
  const report = checkQuotas(assemblyTemplates(outdir));
  fs.rmSync(outdir, { recursive: true, force: true });
  return {
    seconds,
    cpuSeconds: measured ? Number(measured[2]) + Number(measured[3]) : undefined,
    peakMb: measured ? Number(measured[1]) / 1024 : undefined,
    quotas: report.figures,
    problems: report.problems,
  };
}

/** The templates of a cloud assembly, with their stacks' regions from its manifest. */
function assemblyTemplates(outdir: string): StackTemplate[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; environment?: string; properties?: { templateFile?: string } }>;
  };
  return Object.entries(manifest.artifacts)
    .filter(([, a]) => a.type === 'aws:cloudformation:stack' && a.properties?.templateFile)
    .map(([name, a]) => ({
      name,
      region: a.environment?.split('/').pop() ?? 'unknown',
      template: JSON.parse(fs.readFileSync(path.join(outdir, a.properties?.templateFile ?? ''), 'utf8')) as Record<string, unknown>,
    }));
}

/** The same app in a process of its own, its parts timed (synth-child.ts). */
function childSynth(configPath: string, outdir: string): SynthFigures {
  fs.rmSync(outdir, { recursive: true, force: true });
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'synth-child.ts'), configPath, outdir], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.rmSync(outdir, { recursive: true, force: true });
  if (child.status !== 0) throw new Error(`synth-child of ${configPath} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as SynthFigures;
}

const s = (ms: number) => (ms / 1000).toFixed(1);
const int = (n: number) => n.toLocaleString('en-US');

export async function synth(): Promise<Section> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const results = SIZES.map((size) => {
    const configPath = path.join(OUT_DIR, `config-${size.resources}-${size.systems ?? 'default'}.json`);
    fs.writeFileSync(configPath, JSON.stringify(generateConfig(size.resources, size.systems ? { systems: size.systems } : {})));
    process.stderr.write(`bench: synth ${size.label}...\n`);
    const cli = cliSynth(configPath, path.join(OUT_DIR, 'synth-cli'));
    const parts = childSynth(configPath, path.join(OUT_DIR, 'synth-child'));
    return { size, cli, parts };
  });
  const problems = results.flatMap((r) => r.cli.problems.map((p) => `${r.size.label}: ${p}`));
  const load = os.loadavg().map((l) => l.toFixed(1)).join(', ');
  return {
    title: 'Synthesis at scale',
    intro:
      'A generated configuration (bench/generate-config.ts: 50 resources a system unless said otherwise). *cdk synth* is the command users run, ' +
      '`cdk synth --quiet -c config=FILE` through the CLI and cdk.json, bundling, the cdk-nag packs and CDK\'s template validation included ' +
      '(cdk runs the validation by default, so it is measured, not skipped): its wall-clock time, its CPU time (user and system, the CLI and ' +
      'the app; on an idle machine the wall clock comes close to it, as only bundling runs threads), and its peak memory, that of its ' +
      'largest process, the app. Its ' +
      'templates are then checked against the AWS quotas of test/helpers/quotas.ts. The other columns come from the same app run once more ' +
      'in a process of its own with its parts timed (bench/synth-child.ts): construction, CDK\'s template validation and cdk-nag, the last two ' +
      'within app.synth(); they are a separate run, not parts of the cdk synth column. One run each; the load average of the machine ' +
      'at the end of the run is in the notes (other work on the machine slows every figure).',
    header: [
      'monitored resources',
      'systems',
      'stacks',
      'CloudFormation resources',
      'SNS topics',
      'filter policies, busiest topic',
      'largest template bytes',
      'cdk synth s',
      'cdk synth CPU s',
      'peak MB',
      'validation s',
      'cdk-nag s',
      'construct s',
      'growth (cdk synth, vs previous)',
    ],
    rows: results.map((r, i) => [
      r.size.label,
      String(r.size.systems ?? Math.ceil(r.size.resources / 50)),
      String(r.cli.quotas.stacks),
      int(r.cli.quotas.resources),
      String(r.cli.quotas.topics),
      String(r.cli.quotas.filterPoliciesPerTopic),
      int(r.cli.quotas.largestTemplate.bytes),
      r.cli.seconds.toFixed(1),
      r.cli.cpuSeconds === undefined ? 'n/a' : r.cli.cpuSeconds.toFixed(1),
      r.cli.peakMb === undefined ? 'n/a' : r.cli.peakMb.toFixed(0),
      s(r.parts.validationMs),
      s(r.parts.nagMs),
      s(r.parts.constructMs),
      i === 0 ? '-' : ratio(r.cli.seconds, results[i - 1].cli.seconds),
    ]),
    notes: [
      problems.length === 0 ? 'Every template of every size is within the AWS quotas checked (none exceeded).' : `Quotas exceeded: ${problems.join('; ')}.`,
      `Load average (1, 5, 15 min) at the end: ${load}.`,
      ...results.map(
        (r) =>
          `${r.size.label}: largest template ${r.cli.quotas.largestTemplate.stack} (${r.cli.quotas.largestTemplate.resources} resources); ` +
          `${r.cli.quotas.filterPolicies} filter policies in all; largest Lambda environment ${r.cli.quotas.largestLambdaEnvironment} bytes; ` +
          `${r.cli.quotas.dashboards} dashboards of at most ${r.cli.quotas.mostWidgets} widgets; ${r.cli.quotas.exports} exports; ` +
          `in-process synth peak ${r.parts.peakMb.toFixed(0)} MB.`,
      ),
    ],
  };
}
