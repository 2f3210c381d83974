import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { CloudAssembly, type CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import * as z from 'zod';
import { loadConfig } from '../../lib/config/load';
import { BUNDLED_FUNCTIONS } from '../../lib/constructs/private/bundling-options';
import { planDeployment } from '../../lib/deployment';
import { buildPackage, installConsumerApp, pack, REPO_ROOT, type Packed } from '../helpers/package';
import { run, stopRunning } from '../helpers/processes';
import { transpileProject, typeCheck, type TypeCheckResult } from '../helpers/typecheck';

/** examples/consumer-app/app.ts deploys the same systems as this example configuration. */
const MINIMAL = path.join(REPO_ROOT, 'config', 'examples', 'minimal.json');

const cdkJson = z.object({ app: z.literal('node build/app.js'), context: z.record(z.string(), z.unknown()).default({}) });
const packageJson = z.object({
  dependencies: z.record(z.string(), z.string()).default({}),
  peerDependencies: z.record(z.string(), z.string()).default({}),
});
const templateJson = z.object({
  Resources: z.record(z.string(), z.object({ Type: z.string(), Properties: z.record(z.string(), z.unknown()).default({}) })),
  Outputs: z.record(z.string(), z.unknown()).default({}),
});

const lambdaCode = z.object({ S3Key: z.string().regex(/^[0-9a-f]{64}\.zip$/) });

const sha256 = (file: string): string => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
/** A bare module name's package: `@scope/name/sub` → `@scope/name`. */
const packageOf = (specifier: string): string => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const template = (stack: CloudFormationStackArtifact) => templateJson.parse(stack.template);

describe('the packed package, installed into examples/consumer-app', () => {
  let tmp = '';
  let packed: Packed;
  let dryRun: Packed;
  let app = '';
  let types: TypeCheckResult;
  let assembly: CloudAssembly;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'alert-responder-consumer-'));
    await buildPackage();
    [packed, dryRun] = await Promise.all([pack(tmp, { dryRun: false }), pack(tmp, { dryRun: true })]);
    app = await installConsumerApp(tmp);

    // Synthesize as `cdk synth` would run the app (its context in CDK_CONTEXT_JSON, the output in
    // CDK_OUTDIR), with no AWS credentials, while the types are checked.
    transpileProject(app);
    const outdir = path.join(tmp, 'cdk.out');
    const { context } = cdkJson.parse(JSON.parse(fs.readFileSync(path.join(app, 'cdk.json'), 'utf8')));
    const synthesized = run(process.execPath, [path.join(app, 'build', 'app.js')], {
      cwd: app,
      env: { PATH: process.env.PATH ?? '', CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
    });
    try {
      types = typeCheck(app, 'alert-responder');
    } finally {
      await synthesized.catch(() => undefined);
    }
    await synthesized;
    assembly = new CloudAssembly(outdir);
    // About 35 s of CPU (build, pack, install, type check, synth) on an idle 2-core machine;
    // `npm run test:stress` runs it with the CPU shared by busy processes.
  }, 240_000);

  afterAll(() => {
    stopRunning();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('the tarball holds the compiled library, its declarations, a bundle per function and the project files, and no tests or sources', () => {
    const paths = packed.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'LICENSE',
        'CHANGELOG.md',
        'config.schema.json',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/bin/approve.js',
        ...BUNDLED_FUNCTIONS.map((role) => `dist/bundles/${role}/index.js`),
      ]),
    );
    const unwanted = paths.filter(
      (p) => /^(test|bench|lambdas|examples|bin|lib|cdk\.out|coverage)\//.test(p) || /\.test\.|\.spec\./.test(p) || (p.endsWith('.ts') && !p.endsWith('.d.ts')),
    );
    expect(unwanted).toEqual([]);
  });

  test('npm pack --dry-run lists the same files, none of them a test', () => {
    const listed = dryRun.files.map((f) => f.path).sort();
    expect(listed).toEqual(packed.files.map((f) => f.path).sort());
    expect(listed.filter((p) => /(^|\/)(test|tests|__tests__)\/|\.test\.|fixtures?\//.test(p))).toEqual([]);
  });

  test('every module the compiled library requires is Node.js, a dependency or a peer dependency (esbuild only lazily, to bundle from source)', () => {
    const installed = path.join(app, 'node_modules', 'alert-responder');
    const declared = packageJson.parse(JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')));
    const allowed = new Set([...builtinModules, ...Object.keys(declared.dependencies), ...Object.keys(declared.peerDependencies)]);
    const undeclared = new Map<string, string[]>();
    for (const file of filesUnder(path.join(installed, 'dist')).filter((f) => f.endsWith('.js') && !f.includes(`${path.sep}bundles${path.sep}`))) {
      for (const [, , specifier] of fs.readFileSync(file, 'utf8').matchAll(/require\((["'])([^"'.][^"']*)\1\)/g)) {
        const name = packageOf(specifier ?? '').replace(/^node:/, '');
        if (!allowed.has(name)) undeclared.set(name, [...(undeclared.get(name) ?? []), path.relative(installed, file)]);
      }
    }
    // Required on first use, only to bundle a handler from source (never with the shipped bundles).
    expect(Object.fromEntries(undeclared)).toEqual({ esbuild: [path.join('dist', 'constructs', 'private', 'responder-bundles.js')] });
    expect(Object.keys(declared.peerDependencies).sort()).toEqual(['aws-cdk-lib', 'constructs']);
  });

  test('the app and the package declarations type-check under strict options, the declarations with skipLibCheck: false', () => {
    expect(types.options).toMatchObject({ strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, skipLibCheck: false });
    expect(types.errors).toEqual([]);
    expect(types.packageFiles).toContain(path.join(app, 'node_modules', 'alert-responder', 'dist', 'index.d.ts'));
    // Every declaration a consumer's import reaches, public or private.
    const dist = path.join(app, 'node_modules', 'alert-responder', 'dist');
    expect(types.packageFiles).toEqual(
      expect.arrayContaining(['alert-responder.d.ts', 'config/schema.d.ts', 'stacks/core-stack.d.ts', 'constructs/responder-function.d.ts'].map((f) => path.join(dist, f))),
    );
  });

  test('synthesizes shop-core and shop-orders in eu-west-1, with every alarm of the configuration', () => {
    expect(assembly.stacks.map((s) => [s.stackName, s.environment.region]).sort()).toEqual([
      ['shop-core', 'eu-west-1'],
      ['shop-orders', 'eu-west-1'],
    ]);
    const alarmNames = assembly.stacks.flatMap((s) => Object.values(template(s).Resources).filter((r) => r.Type === 'AWS::CloudWatch::Alarm').map((r) => r.Properties.AlarmName));
    const planned = planDeployment(loadConfig(MINIMAL)).systems.flatMap((s) => s.alarms.map((a) => a.name));
    expect(planned.length).toBeGreaterThan(0);
    expect(alarmNames).toEqual(expect.arrayContaining(planned));
  });

  test('every function runs a bundle shipped in the package, and nothing can load esbuild', () => {
    const installed = path.join(app, 'node_modules', 'alert-responder');
    const shipped = new Set(BUNDLED_FUNCTIONS.map((role) => sha256(path.join(installed, 'dist', 'bundles', role, 'index.js'))));
    // The default synthesizer stages a file asset as `asset.<hash>` and uploads it as `<hash>.zip`.
    const deployed = assembly.stacks.flatMap((s) =>
      Object.values(template(s).Resources)
        .filter((r) => r.Type === 'AWS::Lambda::Function')
        .map((r) => lambdaCode.parse(r.Properties.Code).S3Key.replace(/\.zip$/, ''))
        .map((hash) => sha256(path.join(assembly.directory, `asset.${hash}`, 'index.js'))),
    );
    // The two responders of the system (lambda, dynamodb), the verifier, and the providers of
    // Custom::EnsureLogGroups in the core stack (the remediation log) and the system's (its function's log group).
    expect(deployed).toHaveLength(5);
    for (const bundle of deployed) expect(shipped).toContain(bundle);
    expect(() => createRequire(path.join(installed, 'dist', 'index.js')).resolve('esbuild')).toThrow(/Cannot find module 'esbuild'/);
  });

  test("the package's approve command runs from the installed package (its bin), with only declared dependencies", async () => {
    const bin = path.join(app, 'node_modules', '.bin', 'alert-responder-approve');
    const { stdout } = await run(bin, ['--help'], { cwd: app });
    expect(stdout).toContain('<proposal-id> [--reject] [--reason TEXT]');
  });

  test('what the app adds around the construct is deployed: its output and its tag', () => {
    const core = assembly.stacks.find((s) => s.stackName === 'shop-core');
    expect(core && Object.keys(template(core).Outputs)).toContain('CriticalTopicArn');
    const functions = assembly.stacks.flatMap((s) => Object.values(template(s).Resources).filter((r) => r.Type === 'AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(0);
    for (const f of functions) expect(f.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'team', Value: 'platform' }]));
  });
});

describe('examples/consumer-app/package-lock.json', () => {
  const lockfile = z.object({ packages: z.record(z.string(), z.object({ version: z.string().optional(), integrity: z.string().optional() })) });
  const read = (file: string) => lockfile.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).packages;

  test("pins only what the repository's lockfile pins, so its npm ci needs nothing downloaded", () => {
    const ours = read(path.join(REPO_ROOT, 'package-lock.json'));
    const consumer = read(path.join(REPO_ROOT, 'examples', 'consumer-app', 'package-lock.json'));
    const missing = Object.entries(consumer)
      .filter(([name]) => name !== '' && name !== 'node_modules/alert-responder')
      .filter(([name, entry]) => ours[name]?.version !== entry.version || ours[name]?.integrity !== entry.integrity)
      .map(([name, entry]) => `${name}@${entry.version ?? '?'}`);
    expect(missing).toEqual([]);
  });

  test("names no integrity for the tarball, which changes with every pack", () => {
    const { version } = z.object({ version: z.string() }).parse(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')));
    expect(read(path.join(REPO_ROOT, 'examples', 'consumer-app', 'package-lock.json'))['node_modules/alert-responder']).toEqual({ version });
  });
});
