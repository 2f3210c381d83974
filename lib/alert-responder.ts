import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { parseConfig } from './config/load';
import type { DeploymentConfigInput } from './config/schema';
import { isMultiAccount, planDeployment, type DeploymentPlan } from './deployment';
import { createAlertResponderApp, type AlertResponderStacks } from './stacks';

export interface AlertResponderProps {
  /**
   * The deployment: prefix, region, systems and their resources, guardrails, escalation. The
   * same shape as a configuration file (config.schema.json), typed; a value returned by
   * `loadConfig(path)` works as well. Validated here: a problem throws a `ConfigError` that
   * lists every problem with its path and the value received.
   */
  readonly config: DeploymentConfigInput;
  /**
   * The most resources one stack may hold before a system's alarms continue in a new stack.
   * @default 450 (CloudFormation allows 500)
   */
  readonly stackResourceBudget?: number;
}

/**
 * Everything alert-responder deploys, added to an existing CDK app: the alarms of every
 * configured resource, the severity topics, a responder per system and family of remediations,
 * the remediation log, the state table, the verifier, the kill switch and the dashboard.
 *
 * It creates its own stacks, as `cdk synth` of this repository does: `<prefix>-core`, one per
 * system (`<prefix>-<system>`, continued in `<prefix>-<system>-<n>` beyond the resource budget)
 * and, when the home region is not us-east-1 and an alarm needs it, `<prefix>-global` and
 * `<prefix>-<system>-us-east-1`. A deployment spans stacks (CloudFormation's 500-resource limit,
 * and alarms whose metrics exist only in us-east-1), so its scope is an `App` or a `Stage`
 * (a stage of a CDK pipeline, for example), not a `Stack`. Stack names are the same wherever it
 * is placed; the construct id only names the construct path (`Alerts/shop-core`).
 *
 * @example
 * const app = new App();
 * new AlertResponder(app, 'Alerts', { config: { prefix: 'shop', region: 'eu-west-1', systems: [...] } });
 */
export class AlertResponder extends Construct {
  /** The validated configuration turned into alarms and responders. */
  readonly plan: DeploymentPlan;
  /** The stacks created: core, global (when needed), per system, all. */
  readonly stacks: AlertResponderStacks;

  constructor(scope: Construct, id: string, props: AlertResponderProps) {
    const stack = scope.node.scopes.find((s) => Stack.isStack(s));
    if (stack) {
      throw new Error(
        `AlertResponder "${id}" cannot be placed in a stack (received a scope inside stack "${stack.node.path}"): it creates its own stacks ` +
          '(core, one per system, us-east-1 where needed). Create it in your App or in a Stage.',
      );
    }
    super(scope, id);
    const config = parseConfig(props.config, `AlertResponder ${this.node.path}`);
    if (isMultiAccount(config)) {
      throw new Error(
        `AlertResponder "${id}" deploys one account and region, but the configuration names "environments": ` +
          'create the stages and the operations stack with createMultiAccountApp(app, planMultiAccount(loadConfig(path))) instead.',
      );
    }
    this.plan = planDeployment(config);
    this.stacks = createAlertResponderApp(this, this.plan, { stackResourceBudget: props.stackResourceBudget });
  }
}
