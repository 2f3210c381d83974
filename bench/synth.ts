/**
 * Synthesis of generated configurations of 10, 100 and 1,000 monitored resources, each in a
 * fresh process as `cdk synth` runs the app (ts-node, transpile only): with real bundling and
 * CDK's template validation (as deployed), without bundling, and without template validation.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OUT_DIR } from './bundles';
import { ratio, type Section } from './report';
import type { SynthFigures } from './synth-child';

const SIZES = [10, 100, 1000];
/** Each figure is the fastest of this many runs: another process on the machine only ever adds time. */
const REPEATS = 2;
const VARIANTS = { full: [], 'no-bundling': ['--no-bundling'], 'no-validation': ['--no-validation'] } as const;
type Variant = keyof typeof VARIANTS;

interface Timed extends SynthFigures {
  /** Spawn to exit: loading ts-node and aws-cdk-lib too. */
  readonly processMs: number;
}

/** The fastest of REPEATS runs. */
function synthBest(resources: number, variant: Variant): Timed {
  const runs = Array.from({ length: REPEATS }, () => synthOnce(resources, variant));
  return runs.reduce((best, r) => (r.processMs < best.processMs ? r : best));
}

function synthOnce(resources: number, variant: Variant): Timed {
  const outdir = path.join(OUT_DIR, `synth-${resources}-${variant}`);
  fs.rmSync(outdir, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'synth-child.ts'), String(resources), outdir, ...VARIANTS[variant]], {
    cwd: path.join(__dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const processMs = Number(process.hrtime.bigint() - started) / 1e6;
  fs.rmSync(outdir, { recursive: true, force: true });
  if (child.status !== 0) throw new Error(`synth of ${resources} resources (${variant}) failed:\n${child.stderr}`);
  const figures = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as SynthFigures;
  return { ...figures, processMs };
}

const s = (milliseconds: number) => (milliseconds / 1000).toFixed(1);

export async function synth(): Promise<Section> {
  const results = SIZES.map((size) => ({
    size,
    full: synthBest(size, 'full'),
    noBundling: synthBest(size, 'no-bundling'),
    noValidation: synthBest(size, 'no-validation'),
  }));
  return {
    title: 'Synthesis at scale',
    intro:
      'A generated configuration (bench/generate-config.ts, 50 resources a system) planned and synthesized in a fresh process ' +
      '(`node -r ts-node/register/transpile-only`, as cdk.json runs the app), each variant in its own process, the fastest of ' +
      `${REPEATS} runs. *Process* is spawn ` +
      'to exit; *construct* includes bundling; *synth* is `app.synth()` (templates, CDK template validation, asset staging). ' +
      'Baselines: the same app without bundling and without template validation, and the 10-resource configuration for growth.',
    header: [
      'monitored resources',
      'stacks',
      'resources',
      'process s',
      'construct s',
      'synth s',
      'process s, no bundling',
      'process s, no validation',
      'growth (process, vs 10× fewer)',
    ],
    rows: results.map((r, i) => [
      r.size.toLocaleString('en-US'),
      String(r.full.stacks),
      r.full.resources.toLocaleString('en-US'),
      s(r.full.processMs),
      s(r.full.constructMs),
      s(r.full.synthMs),
      s(r.noBundling.processMs),
      s(r.noValidation.processMs),
      i === 0 ? '-' : ratio(r.full.processMs, results[i - 1].full.processMs),
    ]),
    notes: results.slice(-1).map(
      (r) =>
        `At ${r.size.toLocaleString('en-US')} resources, bundling costs ${s(r.full.processMs - r.noBundling.processMs)} s and CDK's template ` +
        `validation ${s(r.full.processMs - r.noValidation.processMs)} s of the ${s(r.full.processMs)} s (differences of the process times).`,
    ),
  };
}
