import { Stack, type Environment } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { DeploymentPlan, OperationsLocation, SystemPlan } from '../deployment';
import { STACK_TAG_KEYS } from '../constructs/alert-alarms';
import type { LinkedDashboard } from '../constructs/alert-dashboard';
import { placeAlarms } from './alarm-shards';
import { CoreStack } from './core-stack';
import { GlobalStack } from './global-stack';
import { SystemStack, importedSeverityTopics, lockReferences } from './system-stack';

const US_EAST_1 = 'us-east-1';

/** The stacks of one system. */
export interface SystemStacks {
  readonly system: SystemPlan;
  /** `<prefix>-<system>`: the responders and the first alarms. */
  readonly stack: SystemStack;
  /** Every stack holding alarms of the system, in order (the system stack first when it holds any). */
  readonly alarmStacks: readonly Stack[];
}

export interface AlertResponderStacks {
  /** `<prefix>-core` in the home region. */
  readonly core: CoreStack;
  /** `<prefix>-global` in us-east-1, when the home region is elsewhere and an alarm needs us-east-1. */
  readonly global?: GlobalStack;
  readonly systems: readonly SystemStacks[];
  /** Every stack, in creation order. */
  readonly all: readonly Stack[];
}

export interface AlertResponderAppOptions {
  /**
   * The most resources a stack may hold before its system's alarms continue in a new stack.
   * @default STACK_RESOURCE_BUDGET (450, under CloudFormation's 500)
   */
  readonly stackResourceBudget?: number;
  /**
   * The most alarms the core dashboard shows itself; with more, each stack of alarms gets a
   * dashboard and the core dashboard links to them.
   * @default CORE_DASHBOARD_MAX_ALARMS (500)
   */
  readonly coreDashboardMaxAlarms?: number;
  /**
   * Multi-account: the operations account and region, where this deployment's records and
   * escalations also go (the stacks here are then one member environment's).
   * @default - a single-account deployment
   */
  readonly operations?: OperationsLocation;
}

/** The most alarms `<prefix>-alerts` shows itself: 5 widgets of 100 per severity at most, a body of about 80 KB. */
export const CORE_DASHBOARD_MAX_ALARMS = 500;

/**
 * Creates every stack of a deployment plan in `scope` (an App, a Stage, or a construct outside any
 * stack, as AlertResponder does; the stack names are given, so they do not depend on it): `<prefix>-core`,
 * `<prefix>-global` (us-east-1 topics) where needed, and per system `<prefix>-<system>` with its
 * responders and alarms, continued in `<prefix>-<system>-<n>` (and `<prefix>-<system>-us-east-1[-<n>]`)
 * as CloudFormation's resource limit requires.
 */
export function createAlertResponderApp(scope: Construct, plan: DeploymentPlan, options: AlertResponderAppOptions = {}): AlertResponderStacks {
  const { config } = plan;
  const home: Environment = { account: config.account, region: config.region };
  const east: Environment = { account: config.account, region: US_EAST_1 };
  const describe = (what: string) => `alert-responder ${config.prefix}: ${what}`;
  // Stack tags: CloudFormation puts them on every resource of the stack, none is in the template.
  const tags = (system?: string) => ({ [STACK_TAG_KEYS.deployment]: config.prefix, ...(system ? { [STACK_TAG_KEYS.system]: system } : {}) });
  const all: Stack[] = [];
  const named = <S extends Stack>(name: string, create: (name: string) => S): S => {
    if (scope.node.tryFindChild(name)) {
      throw new Error(`Stack name "${name}" is used twice: a system id collides with another system's extra stack. Rename one of the systems.`);
    }
    const stack = create(name);
    all.push(stack);
    return stack;
  };

  const core = named(`${config.prefix}-core`, (n) => new CoreStack(scope, n, { stackName: n, env: home, plan, tags: tags(), description: describe('shared topics, key, remediation log, dashboard') }));
  const global = plan.separateUsEast1Topics
    ? named(`${config.prefix}-global`, (n) => new GlobalStack(scope, n, { stackName: n, env: east, prefix: config.prefix, shards: plan.topicShards, tags: tags(), description: describe('us-east-1 alert topics') }))
    : undefined;
  // One dashboard of every alarm while it stays readable and small; beyond, a dashboard per stack of alarms.
  const splitDashboards = plan.systems.reduce((n, s) => n + s.alarms.length, 0) > (options.coreDashboardMaxAlarms ?? CORE_DASHBOARD_MAX_ALARMS);
  const alarmDashboards: LinkedDashboard[] = [];
  const placement = {
    prefix: config.prefix,
    budget: options.stackResourceBudget,
    dashboards: splitDashboards,
    // The schema allows exactly the values of RetentionDays.
    logRetention: config.logRetentionDays as logs.RetentionDays,
    logGroupKmsKeyArn: config.logGroupKmsKeyArn,
  };
  const escalationTopic = core.topics.escalationTopic;
  if (!escalationTopic) throw new Error('The core stack has no escalation topic.');

  const systems = plan.systems.map((system): SystemStacks => {
    const base = `${config.prefix}-${system.id}`;
    const stack = named(base, (n) =>
      new SystemStack(scope, n, {
        stackName: n,
        env: home,
        tags: tags(system.id),
        description: describe(`responders and alarms of ${system.id}`),
        plan,
        system,
        severityTopics: core.topics.shard(system.topicShard),
        separateUsEast1Topics: global !== undefined,
        escalationTopic,
        topicKey: core.topics.key,
        remediationLog: core.remediationLog.logGroup,
        stateTable: core.state.table,
        verifyQueue: core.verification.queue,
        recordKey: core.recordKey.key,
        operations: options.operations,
      }),
    );
    stack.addStackDependency(core);
    // The responders subscribe to the us-east-1 topics, which must exist first.
    if (global) stack.addStackDependency(global);

    // Each extra stack deploys after the previous one: when new resources push an alarm into the
    // next stack, its old stack deletes it before the next one creates it under the same name.
    let previous: Stack = stack;
    const extra = (name: string, env: Environment, topicsStack: Stack): Stack => {
      const s = named(name, (n) => new Stack(scope, n, { stackName: n, env, tags: tags(system.id), description: describe(`alarms of ${system.id}`) }));
      lockReferences(s);
      s.addStackDependency(previous);
      s.addStackDependency(topicsStack);
      previous = s;
      return s;
    };
    // Alarms notify their shard's topics in their own stack's region (home, or us-east-1).
    const topicsIn = (s: Stack) => importedSeverityTopics(s, config.prefix, system.topicShard);
    const home_ = placeAlarms({
      ...placement,
      alarms: system.alarms.filter((a) => !(global && a.usEast1)),
      first: () => stack,
      next: (i) => extra(`${base}-${i}`, home, core),
      topicsIn,
      keyIn: () => core.topics.key,
    });
    const east_ = global
      ? placeAlarms({
          ...placement,
          alarms: system.alarms.filter((a) => a.usEast1),
          first: () => extra(`${base}-${US_EAST_1}`, east, global),
          next: (i) => extra(`${base}-${US_EAST_1}-${i}`, east, global),
          topicsIn,
          keyIn: () => global.topics.key,
        })
      : { stacks: [], dashboards: [] };
    alarmDashboards.push(...home_.dashboards, ...east_.dashboards);
    return { system, stack, alarmStacks: [...home_.stacks, ...east_.stacks] };
  });
  core.addDashboard(splitDashboards ? alarmDashboards : undefined);
  if (options.operations) core.linkToOperations(options.operations);
  return { core, global, systems, all };
}
