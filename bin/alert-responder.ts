#!/usr/bin/env node
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, ServerlessChecks } from 'cdk-nag';
import { loadConfig } from '../lib/config/load';
import { ConfigError } from '../lib/config/problems';
import type { DeploymentConfig } from '../lib/config/schema';
import { isMultiAccount, planDeployment, planMultiAccount } from '../lib/deployment';
import { createAlertResponderApp, createMultiAccountApp } from '../lib/stacks';

/** `cdk synth -c config=PATH`; paths are relative to where cdk runs. */
function loadConfiguration(app: App): DeploymentConfig {
  const context: unknown = app.node.tryGetContext('config');
  const path = typeof context === 'string' && context.length > 0 ? context : join(__dirname, '..', 'config', 'default.json');
  try {
    return loadConfig(path);
  } catch (err) {
    // Every problem is in the message; a stack trace would only hide it.
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

// A creation stack trace per resource costs seconds at scale, and points into this app's own
// constructs rather than into anything a user wrote: CDK_DEBUG=true brings them back.
const app = new App({
  context: { 'aws:cdk:disable-creation-stack-traces': true },
  // tree.json only serves construct-tree viewers; for a large deployment, writing it takes seconds.
  treeMetadata: false,
});
// The default systems handle health data: HIPAA Security and NIST 800-53 rev 5 beside the general packs.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new HIPAASecurityChecks(app), new NIST80053R5Checks(app));
const config = loadConfiguration(app);
// A configuration with `environments` is a stage per member account and region plus the operations stack.
if (isMultiAccount(config)) {
  // Each stage synthesizes its own assembly: the app's checks do not reach into it.
  for (const { stage } of createMultiAccountApp(app, planMultiAccount(config)).stages) Validations.of(stage).addPlugins(new AwsSolutionsChecks(stage), new ServerlessChecks(stage));
}
else createAlertResponderApp(app, planDeployment(config));
