/**
 * One synthesis in a fresh process, built as bin/alert-responder.ts builds it (cdk.json's context,
 * the cdk-nag packs, CDK's template validation), timing each part: `synth-child.ts CONFIG OUTDIR`.
 * The validation plugins are wrapped in a timer, CDK's own CloudFormation validation included (the
 * built-in instance is replaced by the same plugin, timed). Prints a JSON line.
 */
import { readFileSync } from 'node:fs';
import { App, CloudFormationValidatePlugin, Validations, type IPolicyValidationContext, type IPolicyValidationPlugin, type PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { parseConfig } from '../lib/config/load';
import { planDeployment } from '../lib/deployment';
import { createAlertResponderApp } from '../lib/stacks';
import { cdkJsonContext } from '../test/helpers/cdk-context';

export interface SynthFigures {
  readonly stacks: number;
  /** Planning and constructing the app (bundling happens here), ms. */
  readonly constructMs: number;
  /** `app.synth()`: validation, templates, assets, ms. */
  readonly synthMs: number;
  /** Of synthMs: CDK's CloudFormation template validation, ms. */
  readonly validationMs: number;
  /** Of synthMs: the cdk-nag packs, ms. */
  readonly nagMs: number;
  /** Peak resident memory of this process, MB. */
  readonly peakMb: number;
}

/** A validation plugin that adds the time it takes to `spent`. */
class Timed implements IPolicyValidationPlugin {
  constructor(
    private readonly inner: IPolicyValidationPlugin,
    private readonly spent: { ms: number },
  ) {}

  get name(): string {
    return this.inner.name;
  }

  get version(): string | undefined {
    return this.inner.version;
  }

  get ruleIds(): string[] | undefined {
    return this.inner.ruleIds;
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const started = performance.now();
    try {
      return this.inner.validate(context);
    } finally {
      this.spent.ms += performance.now() - started;
    }
  }
}

function main(): void {
  const [configPath, outdir] = process.argv.slice(2);
  const started = performance.now();
  const validation = { ms: 0 };
  const nag = { ms: 0 };
  const app = new App({
    outdir,
    builtinCloudFormationValidation: false,
    // As bin/alert-responder.ts makes its App.
    treeMetadata: false,
    context: { ...cdkJsonContext(), 'aws:cdk:disable-creation-stack-traces': true },
  });
  Validations.of(app).addPlugins(
    new Timed(new CloudFormationValidatePlugin(), validation),
    new Timed(new AwsSolutionsChecks(app), nag),
    new Timed(new ServerlessChecks(app), nag),
  );
  const config: unknown = JSON.parse(readFileSync(configPath, 'utf8'));
  const stacks = createAlertResponderApp(app, planDeployment(parseConfig(config, configPath)));
  const constructed = performance.now();
  app.synth();
  const figures: SynthFigures = {
    stacks: stacks.all.length,
    constructMs: constructed - started,
    synthMs: performance.now() - constructed,
    validationMs: validation.ms,
    nagMs: nag.ms,
    peakMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

main();
