import { Stage } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ResolvedEnvironment } from '../config/environments';
import { OPERATIONS_NAMES, type MultiAccountPlan } from '../deployment/operations';
import { createAlertResponderApp, type AlertResponderAppOptions, type AlertResponderStacks } from './alert-responder-app';
import { OperationsStack, RecordsDestinationStack } from './operations-stack';

/** One member environment's stage and the stacks in it. */
export interface MemberStage {
  readonly environment: ResolvedEnvironment;
  /** `<prefix>-<account>-<region>`, with the environment set on it. */
  readonly stage: Stage;
  /** The same stacks, with the same names, as a single-account deployment of its systems. */
  readonly stacks: AlertResponderStacks;
}

export interface MultiAccountStacks {
  /** `<prefix>-operations` in the operations account and region. */
  readonly operations: OperationsStack;
  /** `<prefix>-operations-<region>`: the Logs destinations for members of other regions. */
  readonly destinations: readonly RecordsDestinationStack[];
  readonly stages: readonly MemberStage[];
}

/** The stage id of a member environment. */
export function memberStageId(prefix: string, env: ResolvedEnvironment): string {
  return `${prefix}-${env.account}-${env.region}`;
}

/**
 * A multi-account deployment in `scope` (an App): the operations stack (and its destinations in
 * the other member regions) at the top, and one Stage per member account and region holding that
 * environment's stacks, linked to the operations account by names, never by exports (which do not
 * cross accounts). Everything has an explicit account and region: synth makes no lookup.
 */
export function createMultiAccountApp(scope: Construct, plan: MultiAccountPlan, options: Omit<AlertResponderAppOptions, 'operations'> = {}): MultiAccountStacks {
  const { prefix } = plan.config;
  const ops = plan.operations;
  const describe = (what: string) => `alert-responder ${prefix}: ${what}`;
  const operationsName = OPERATIONS_NAMES.stack(prefix);
  const operations = new OperationsStack(scope, operationsName, {
    stackName: operationsName,
    env: ops,
    plan,
    description: describe("every account's records, escalations and dashboard"),
  });
  const otherRegions = [...new Set(plan.members.map((m) => m.environment.region))].filter((r) => r !== ops.region).sort();
  const destinations = otherRegions.map((region) => {
    const name = OPERATIONS_NAMES.regionStack(prefix, region);
    const stack = new RecordsDestinationStack(scope, name, {
      stackName: name,
      env: { account: ops.account, region },
      prefix,
      memberAccounts: plan.members.filter((m) => m.environment.region === region).map((m) => m.environment.account),
      operationsRegion: ops.region,
      description: describe(`Logs destination of the member accounts in ${region}`),
    });
    // The destination's stream and role are in the operations stack.
    stack.addStackDependency(operations);
    return stack;
  });
  const stages = plan.members.map(({ environment, plan: memberPlan }) => {
    const stage = new Stage(scope, memberStageId(prefix, environment), { env: { account: environment.account, region: environment.region } });
    return { environment, stage, stacks: createAlertResponderApp(stage, memberPlan, { ...options, operations: ops }) };
  });
  return { operations, destinations, stages };
}
