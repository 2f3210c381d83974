/**
 * Cold start per responder, each run a fresh node process: bundle size, module load (whole
 * process and the require alone) and the first invocation (require + one call on an OK
 * notification, against the fake AWS and dynalite running in this process). Baselines: its SDK
 * floor (sdk-baseline.ts), an empty node process, and the same handler unbundled (its packages
 * required from node_modules). The first invocation is measured again with tracing on, as deployed.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { build } from 'esbuild';
import { startDynalite } from '../test/helpers/dynalite';
import { startFakeAws, type FakeAws } from '../test/helpers/fake-aws';
import { OUT_DIR, type BuiltResponder } from './bundles';
import { buildSdkBaseline, type SdkBaseline } from './sdk-baseline';
import { fakeState, invocationOf, summarise, tracedEnvironment, type Invocation } from './invocations';
import { int, median, ms, pairedRatio, ratio, times, type Section } from './report';

export const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const STATE_TABLE = 'ar-state';

interface Run {
  /** Spawn to exit, ms. */
  readonly wall: number;
  /** What the runner reported, in ms since its process started (cold-start-runner.ts). */
  readonly start?: number;
  readonly required?: number;
  readonly invoked?: number;
  /** CPU ms of the process at the same three points. */
  readonly cpuStart?: number;
  readonly cpuRequired?: number;
  readonly cpuInvoked?: number;
  readonly answer?: unknown;
}

function runNode(args: readonly string[], env: Readonly<Record<string, string>>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // stdout is the handler's log; the runner reports on fd 3.
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    let report = '';
    child.stdio[3]?.on('data', (chunk: Buffer) => (report += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', () => {
      const wall = Number(process.hrtime.bigint() - started) / 1e6;
      const parsed = (report ? JSON.parse(report) : {}) as Omit<Run, 'wall'> & { error?: string };
      if (parsed.error) reject(new Error(`${args.join(' ')}: ${parsed.error}`));
      else resolve({ wall, ...parsed });
    });
  });
}

const requireMs = (r: Run) => (r.required ?? Number.NaN) - (r.start ?? Number.NaN);
const firstCallMs = (r: Run) => (r.invoked ?? Number.NaN) - (r.start ?? Number.NaN);
const callMs = (r: Run) => (r.invoked ?? Number.NaN) - (r.required ?? Number.NaN);
const requireCpuMs = (r: Run) => (r.cpuRequired ?? Number.NaN) - (r.cpuStart ?? Number.NaN);
const firstCallCpuMs = (r: Run) => (r.cpuInvoked ?? Number.NaN) - (r.cpuStart ?? Number.NaN);

interface Measured {
  readonly responder: BuiltResponder;
  readonly call: Invocation;
  readonly load: Run[];
  readonly loadUnbundled: Run[];
  readonly invoke: Run[];
  readonly invokeUnbundled: Run[];
  /** The first invocation with tracing on, as deployed. */
  readonly invokeTraced: Run[];
  readonly baseline: SdkBaseline;
  readonly loadBaseline: Run[];
  readonly invokeBaseline: Run[];
}

/** The requests a responder's first invocation makes, as the fake records them: what its SDK baseline replays. */
async function firstInvocationCalls(fake: FakeAws, runner: string, responder: BuiltResponder, call: Invocation) {
  fake.reset(fakeState());
  await runNode([runner, responder.bundled, JSON.stringify(call.event(-1))], call.env);
  const calls = [...fake.calls];
  fake.reset(fakeState());
  return calls;
}

export async function coldStart(responders: readonly BuiltResponder[]): Promise<Section[]> {
  const runner = path.join(OUT_DIR, 'cold-start-runner.js');
  await build({ entryPoints: [path.join(__dirname, 'cold-start-runner.ts')], outfile: runner, bundle: true, platform: 'node', target: 'node20', logLevel: 'silent' });
  const dynamo = await startDynalite(STATE_TABLE);
  const fake = await startFakeAws(fakeState(), { dynamodb: { url: dynamo.url, owns: (t) => t === STATE_TABLE } });
  const empty: Run[] = [];
  const measured: Measured[] = [];
  try {
    for (const responder of responders) {
      const call = invocationOf(responder.role, fake.url, STATE_TABLE);
      const baseline = await buildSdkBaseline(responder.role, responder.metafile, await firstInvocationCalls(fake, runner, responder, call));
      measured.push({ responder, call, baseline, load: [], loadUnbundled: [], invoke: [], invokeUnbundled: [], invokeTraced: [], loadBaseline: [], invokeBaseline: [] });
    }
    let event = 0;
    // Round-robin, each responder beside its baselines, so that drift in the machine's load
    // spreads over every figure alike.
    for (let run = 0; run < RUNS; run++) {
      empty.push(await runNode(['-e', '0'], {}));
      for (const { responder, call, baseline, ...runs } of measured) {
        runs.load.push(await runNode([runner, responder.bundled], call.env));
        runs.loadBaseline.push(await runNode([runner, baseline.file], call.env));
        runs.loadUnbundled.push(await runNode([runner, responder.unbundled], call.env));
        runs.invoke.push(await runNode([runner, responder.bundled, JSON.stringify(call.event(event++))], call.env));
        runs.invokeBaseline.push(await runNode([runner, baseline.file, JSON.stringify(call.event(event++))], call.env));
        runs.invokeUnbundled.push(await runNode([runner, responder.unbundled, JSON.stringify(call.event(event++))], call.env));
        runs.invokeTraced.push(await runNode([runner, responder.bundled, JSON.stringify(call.event(event++))], tracedEnvironment(call.env)));
      }
    }
  } finally {
    await fake.close();
    await dynamo.close();
  }
  return [baselineSection(measured, empty), tracedSection(measured), loadSection(measured, empty), invokeSection(measured)];
}

function loadSection(measured: readonly Measured[], empty: readonly Run[]): Section {
  const floor = median(empty.map((r) => r.wall));
  const bootstrap = median(measured.flatMap((m) => m.load.map((r) => r.start ?? Number.NaN)));
  return {
    title: 'Bundle size and module load',
    intro:
      `Each run a fresh \`node\` process (median of ${RUNS}). *Process* is spawn to exit of a runner that requires the bundle; ` +
      '*require* is the `require()` alone, measured inside the process with `performance.now()`. Baselines: an empty process ' +
      '(`node -e 0`) and the same handler unbundled (built with `packages: external`, its packages required from node_modules).',
    header: ['function', 'bundle bytes', 'process ms', 'vs `node -e 0`', 'require ms', 'unbundled require ms', 'vs unbundled'],
    rows: [
      ['`node -e 0` (floor)', '-', ms(floor), '1.00×', '-', '-', '-'],
      ...measured.map((m) => {
        const req = median(m.load.map(requireMs));
        const reqUnbundled = median(m.loadUnbundled.map(requireMs));
        const wall = median(m.load.map((r) => r.wall));
        return [m.responder.role, int(m.responder.bytes), ms(wall), ratio(wall, floor), ms(req), ms(reqUnbundled), ratio(req, reqUnbundled)];
      }),
    ],
    notes: [
      `Node's own start-up, before the runner's first line: ${ms(bootstrap)} ms (median over every run). The children get only PATH and ` +
        'the function\'s environment: NODE_EXTRA_CA_CERTS (set on this machine) alone adds about 40 ms to every start.',
    ],
  };
}

function invokeSection(measured: readonly Measured[]): Section {
  const answer = (m: Measured) => summarise(m.invoke[0]?.answer);
  const wrong = measured.filter((m) => answer(m) !== m.call.expected || summarise(m.invokeUnbundled[0]?.answer) !== m.call.expected);
  return {
    title: 'First invocation',
    intro:
      `A fresh process requires the handler and calls it once (median of ${RUNS}): an OK notification for the responders ` +
      '(kill switch in SSM, record in CloudWatch Logs), a re-check request for the verifier (it reads the state table, and ignores ' +
      'a run it does not know), every call answered by the fake AWS on 127.0.0.1 (state table in dynalite). Baseline: the same handler unbundled.',
    header: ['function', 'answer', 'require + call ms', 'of which the call', 'unbundled ms', 'vs unbundled', 'process ms'],
    rows: measured.map((m) => {
      const first = median(m.invoke.map(firstCallMs));
      const unbundled = median(m.invokeUnbundled.map(firstCallMs));
      return [m.responder.role, answer(m), ms(first), ms(median(m.invoke.map(callMs))), ms(unbundled), ratio(first, unbundled), ms(median(m.invoke.map((r) => r.wall)))];
    }),
    notes: wrong.length ? [`**Unexpected answers:** ${wrong.map((m) => `${m.responder.role} (expected ${m.call.expected})`).join(', ')}.`] : undefined,
  };
}

/** The goal of issue 9: each responder within 1.25× of the SDK alone, loading and on its first call. */
const BASELINE_GOAL = 1.25;

function baselineSection(measured: readonly Measured[], empty: readonly Run[]): Section {
  const floor = median(empty.map((r) => r.wall));
  const rows = measured.map((m) => {
    const wall = median(m.load.map((r) => r.wall));
    const wallBase = median(m.loadBaseline.map((r) => r.wall));
    const cpu = median(m.load.map(requireCpuMs));
    const cpuBase = median(m.loadBaseline.map(requireCpuMs));
    const first = median(m.invoke.map(firstCallMs));
    const firstBase = median(m.invokeBaseline.map(firstCallMs));
    const firstCpu = median(m.invoke.map(firstCallCpuMs));
    const firstCpuBase = median(m.invokeBaseline.map(firstCallCpuMs));
    const loadX = pairedRatio(m.load.map((r) => r.wall), m.loadBaseline.map((r) => r.wall));
    const firstX = pairedRatio(m.invoke.map(firstCallMs), m.invokeBaseline.map(firstCallMs));
    return {
      m,
      worst: Math.max(loadX, firstX),
      cells: [
        m.responder.role,
        String(m.baseline.clients.length),
        `${ms(wall)} / ${ms(wallBase)}`,
        times(loadX),
        `${ms(cpu)} / ${ms(cpuBase)}`,
        times(pairedRatio(m.load.map(requireCpuMs), m.loadBaseline.map(requireCpuMs))),
        `${ms(first)} / ${ms(firstBase)}`,
        times(firstX),
        `${ms(firstCpu)} / ${ms(firstCpuBase)}`,
        times(pairedRatio(m.invoke.map(firstCallCpuMs), m.invokeBaseline.map(firstCallCpuMs))),
        ratio(wallBase, floor),
      ],
    };
  });
  const missed = rows.filter((r) => r.worst > BASELINE_GOAL).map((r) => r.m.responder.role);
  return {
    title: 'Against the SDK floor',
    intro:
      `For each function, a bundle built with the same esbuild options that imports and constructs only the AWS SDK clients its bundle ` +
      'contains, and whose handler replays the requests the function made on its first invocation (same operations, same inputs, same fake ' +
      `endpoint): what the SDK alone costs. Each run is paired with the function's own, made just before it: the ms are medians of ${RUNS} ` +
      'runs, each × the median of the paired ratios (so that the drifting load of a shared machine cancels out). *Load* is the whole ' +
      'process (spawn to exit) of a runner that requires the bundle; CPU is the `require()` alone. *First invocation* is require plus ' +
      `one call, from the runner's first line. Goal: at most ${BASELINE_GOAL.toFixed(2)}× on both, in time (the CPU figures say the same ` +
      'with less noise).',
    header: [
      'function',
      'SDK clients',
      'load ms (fn / SDK)',
      'load ×',
      'require CPU ms (fn / SDK)',
      'require CPU ×',
      'first invocation ms (fn / SDK)',
      'first ×',
      'first CPU ms (fn / SDK)',
      'first CPU ×',
      'SDK floor vs `node -e 0`',
    ],
    rows: rows.map((r) => r.cells),
    notes: [
      `Requests replayed: ${[...new Set(measured.map((m) => m.baseline.replays.join(', ')))].join('; ')}.`,
      missed.length ? `**Over the goal:** ${missed.join(', ')}.` : `Every function is within ${BASELINE_GOAL.toFixed(2)}× of its SDK floor.`,
    ],
  };
}

function tracedSection(measured: readonly Measured[]): Section {
  const wrong = measured.filter((m) => summarise(m.invokeTraced[0]?.answer) !== m.call.expected);
  return {
    title: 'First invocation with tracing on',
    intro:
      'The functions are deployed with active tracing; the figures above have it off, as the SDK floor has no tracer. Here the same ' +
      'first invocation with tracing as deployed (bench/invocations.ts, tracedEnvironment: the Tracer on, the X-Ray SDK in Lambda mode, ' +
      `segments sent over UDP to no daemon), which loads the Powertools Tracer and the X-Ray SDK before the handler runs (median of ${RUNS}).`,
    header: ['function', 'first invocation ms (traced / SDK)', 'first ×', 'first CPU ms (traced / SDK)', 'first CPU ×', 'CPU vs tracing off'],
    rows: measured.map((m) => {
      const traced = median(m.invokeTraced.map(firstCallMs));
      const tracedCpu = median(m.invokeTraced.map(firstCallCpuMs));
      const base = median(m.invokeBaseline.map(firstCallMs));
      const baseCpu = median(m.invokeBaseline.map(firstCallCpuMs));
      return [
        m.responder.role,
        `${ms(traced)} / ${ms(base)}`,
        times(pairedRatio(m.invokeTraced.map(firstCallMs), m.invokeBaseline.map(firstCallMs))),
        `${ms(tracedCpu)} / ${ms(baseCpu)}`,
        times(pairedRatio(m.invokeTraced.map(firstCallCpuMs), m.invokeBaseline.map(firstCallCpuMs))),
        times(pairedRatio(m.invokeTraced.map(firstCallCpuMs), m.invoke.map(firstCallCpuMs))),
      ];
    }),
    notes: wrong.length ? [`**Unexpected answers:** ${wrong.map((m) => `${m.responder.role} (expected ${m.call.expected})`).join(', ')}.`] : undefined,
  };
}
