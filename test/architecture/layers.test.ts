import * as fs from 'node:fs';
import * as path from 'node:path';
import { importsOf, REPO, sourceFiles, type Import } from './imports';

/**
 * The Lambda side's layers, from the entry points down to the core types: each imports only the
 * layers listed for it (itself included), so imports flow one way. The pipeline does not import
 * the remediations either: responders hand it their family, so a bundle holds only its family.
 */
const LAYERS: Readonly<Record<string, readonly string[]>> = {
  responders: ['pipeline', 'remediations', 'core'],
  cli: ['cli', 'pipeline', 'remediations', 'context', 'escalation', 'guardrails', 'runtime', 'core'],
  verifier: ['verifier', 'pipeline', 'context', 'guardrails', 'escalation', 'runtime', 'core'],
  // The operations account's records forwarder: its own code, the Logs client, the core's validators.
  forwarder: ['forwarder', 'runtime', 'core'],
  pipeline: ['pipeline', 'context', 'guardrails', 'escalation', 'runtime', 'core'],
  // What surrounds the target before acting (deployments, maintenance windows, recent changes, drift): read-only.
  context: ['context', 'runtime', 'core'],
  guardrails: ['guardrails', 'runtime', 'core'],
  escalation: ['escalation', 'runtime', 'core'],
  remediations: ['remediations', 'runtime', 'core'],
  runtime: ['runtime', 'core'],
  core: ['core'],
};

/** What of lib/ each layer may import: the catalogue everywhere; the CLI also plans a deployment from a file. */
const LIB: Readonly<Record<string, readonly string[]>> = {
  cli: ['lib/catalogue/', 'lib/config/', 'lib/deployment/'],
};
const DEFAULT_LIB = ['lib/catalogue/'];

/** Packages of the CDK app, never of a Lambda bundle. */
const CDK_PACKAGES = /^(aws-cdk-lib|constructs|cdk-nag|esbuild)(\/|$)/;

const layerOf = (file: string): string => file.split('/')[1] ?? '';

/** Inside remediations/: a family sees itself and common/; common/ sees itself; the registry sees family indexes. */
function remediationsRule(imp: Import, to: string): string | undefined {
  const [, , fromFolder] = imp.from.split('/');
  const [, , toFolder, toFile] = to.split('/');
  if (imp.from === 'lambdas/remediations/registry.ts') {
    return toFile === 'index.ts' ? undefined : 'the registry imports only the family indexes (remediations/<family>/index.ts)';
  }
  if (toFolder === fromFolder || toFolder === 'common') return undefined;
  return fromFolder === 'common' ? 'remediations/common imports nothing of a family' : `a family imports only its own folder and remediations/common, not ${toFolder}`;
}

/** A responder imports its own family's index, the handler factory and core types. */
function respondersRule(imp: Import, to: string): string | undefined {
  if (layerOf(to) !== 'remediations') return undefined;
  const family = path.posix.basename(imp.from, '.ts');
  return to === `lambdas/remediations/${family}/index.ts` ? undefined : `responders/${family}.ts imports only remediations/${family}/index.ts of the remediations`;
}

function violation(imp: Import): string | undefined {
  const layer = layerOf(imp.from);
  const allowed = LAYERS[layer];
  if (!allowed) return `is in no known layer (${layer}): add it to LAYERS`;
  if (imp.to === undefined) {
    if (CDK_PACKAGES.test(imp.specifier)) return 'is a package of the CDK app, not of a Lambda bundle';
    return layer === 'core' ? 'core holds types and errors only: no package' : undefined;
  }
  const to = imp.to;
  if (to.startsWith('lib/')) {
    const lib = LIB[layer] ?? DEFAULT_LIB;
    return lib.some((prefix) => to.startsWith(prefix)) ? undefined : `${layer} may import only ${lib.join(', ')} of lib/`;
  }
  if (!to.startsWith('lambdas/')) return 'reaches outside lambdas/ and lib/';
  const target = layerOf(to);
  if (!allowed.includes(target)) return `${layer} may import ${allowed.join(', ')}; ${target} is not below it`;
  if (layer === 'remediations' && target === 'remediations') return remediationsRule(imp, to);
  if (layer === 'responders') return respondersRule(imp, to);
  return undefined;
}

const describeViolation = (imp: Import, why: string) => `${imp.from} imports '${imp.specifier}': ${why}`;

function violations(files: readonly string[], check: (imp: Import) => string | undefined): string[] {
  return files.flatMap((file) => importsOf(file).flatMap((imp) => {
    const why = check(imp);
    return why === undefined ? [] : [describeViolation(imp, why)];
  }));
}

describe('the Lambda side imports in one direction', () => {
  const files = sourceFiles('lambdas');

  it('has every file in a known layer', () => {
    expect(files.map(layerOf).filter((l) => !LAYERS[l])).toEqual([]);
  });

  it('imports no layer above its own, nor across families', () => {
    expect(violations(files, violation)).toEqual([]);
  });

  it('creates SDK clients only in runtime/clients, once per container', () => {
    const creating = files.filter((f) => !f.startsWith('lambdas/runtime/clients/') && /new \w+Client\(/.test(fs.readFileSync(path.join(REPO, f), 'utf8')));
    expect(creating).toEqual([]);
  });

  it('makes each SDK client on first use, not when its module loads', () => {
    const clients = files.filter((f) => f.startsWith('lambdas/runtime/clients/'));
    const atLoad = clients.filter((f) => /^export const \w+ = new /m.test(fs.readFileSync(path.join(REPO, f), 'utf8')));
    expect(clients.length).toBeGreaterThan(10);
    expect(atLoad).toEqual([]);
  });

  it('imports no zod: the Lambda bundles stay without it (edge-schema.ts and core/params.ts read by hand)', () => {
    const check = (imp: Import) => (imp.specifier === 'zod' ? 'zod on the Lambda side' : undefined);
    expect(violations(files, check)).toEqual([]);
  });
});

describe('the catalogue is pure data', () => {
  it('imports nothing of the Lambdas, the CDK or the SDK', () => {
    const check = (imp: Import) => {
      if (imp.to !== undefined) return imp.to.startsWith('lib/catalogue/') ? undefined : 'reaches outside lib/catalogue';
      return imp.specifier === 'zod' || imp.specifier.startsWith('node:') ? undefined : 'the catalogue depends on zod and Node only';
    };
    expect(violations(sourceFiles('lib/catalogue'), check)).toEqual([]);
  });
});
