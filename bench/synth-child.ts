/**
 * One synthesis in a fresh process (CDK's asset cache lives as long as the process):
 * `synth-child.ts RESOURCES OUTDIR [--no-bundling] [--no-validation]`. Prints a JSON line.
 */
import { App } from 'aws-cdk-lib';
import { parseConfig } from '../lib/config/load';
import { planDeployment } from '../lib/deployment';
import { createAlertResponderApp } from '../lib/stacks';
import { generateConfig } from './generate-config';

export interface SynthFigures {
  readonly stacks: number;
  readonly resources: number;
  /** Planning and constructing the app (bundling happens here), ms. */
  readonly constructMs: number;
  /** `app.synth()`: templates, template validation, asset staging, ms. */
  readonly synthMs: number;
}

function main(): void {
  const [count, outdir, ...flags] = process.argv.slice(2);
  const started = performance.now();
  const app = new App({
    outdir,
    builtinCloudFormationValidation: !flags.includes('--no-validation'),
    context: flags.includes('--no-bundling') ? { 'aws:cdk:bundling-stacks': [] } : {},
  });
  const stacks = createAlertResponderApp(app, planDeployment(parseConfig(generateConfig(Number(count)), 'generated')));
  const constructed = performance.now();
  const assembly = app.synth();
  const figures: SynthFigures = {
    stacks: stacks.all.length,
    resources: assembly.stacks.reduce((n, s) => n + Object.keys((s.template as { Resources?: object }).Resources ?? {}).length, 0),
    constructMs: constructed - started,
    synthMs: performance.now() - constructed,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main();
