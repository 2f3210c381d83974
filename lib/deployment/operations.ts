import { resolveEnvironments, resolveOperations, type ResolvedEnvironment, type ResolvedOperations } from '../config/environments';
import type { DeploymentConfig } from '../config/schema';
import { planDeployment } from './plan';
import type { DeploymentPlan } from './types';

/**
 * Names of what the operations account holds, fixed from the configuration: member stacks build
 * the ARNs from them, since CloudFormation exports do not cross accounts.
 */
export const OPERATIONS_NAMES = {
  /** `<prefix>-operations`, in the operations account and region. */
  stack: (prefix: string) => `${prefix}-operations`,
  /** `<prefix>-operations-<region>`: a Logs destination for the members of another region. */
  regionStack: (prefix: string, region: string) => `${prefix}-operations-${region}`,
  /** The log group where every account's records arrive. */
  recordsLogGroup: (prefix: string) => `/alert-responder/${prefix}/all-accounts/remediations`,
  /** The Logs destination, one per member region, all named alike. */
  recordsDestination: (prefix: string) => `${prefix}-records`,
  /** The Kinesis stream behind every destination. */
  recordsStream: (prefix: string) => `${prefix}-records`,
  /** The role CloudWatch Logs assumes to put records on the stream. */
  recordsRole: (prefix: string) => `${prefix}-records-to-stream`,
  /** A member's subscription filter on its remediation log: the forwarder reads the region from it. */
  recordsFilter: (prefix: string, region: string) => `${prefix}-records-${region}`,
  /** The topic every account's escalations reach. */
  escalationTopic: (prefix: string) => `${prefix}-all-escalations`,
  /** The one dashboard across accounts. */
  dashboard: (prefix: string) => `${prefix}-all-accounts`,
} as const;

/** Where the operations stack is: the central account and its region. */
export type OperationsLocation = ResolvedOperations;

/** One member account and region with the plan of its systems. */
export interface MemberPlan {
  readonly environment: ResolvedEnvironment;
  /** Planned like a single-account deployment of the environment's systems, in its account and region. */
  readonly plan: DeploymentPlan;
}

/** A configuration with `environments`: every member's plan, and where the operations stack goes. */
export interface MultiAccountPlan {
  readonly config: DeploymentConfig;
  readonly operations: ResolvedOperations;
  readonly members: readonly MemberPlan[];
}

/** Whether a configuration spans many accounts and regions (it names `environments`). */
export function isMultiAccount(config: DeploymentConfig): boolean {
  return config.environments !== undefined;
}

/** Plans each member environment as its own deployment; the configuration must have been validated. */
export function planMultiAccount(config: DeploymentConfig): MultiAccountPlan {
  const operations = resolveOperations(config);
  if (!operations || !isMultiAccount(config)) throw new Error('planMultiAccount: the configuration names no "environments" and "operations"');
  const { environments: _environments, operations: _operations, ...single } = config;
  const members = resolveEnvironments(config).map((environment) => {
    const wanted = new Set(environment.systems);
    const memberConfig: DeploymentConfig = { ...single, account: environment.account, region: environment.region, systems: config.systems.filter((s) => wanted.has(s.id)) };
    return { environment, plan: planDeployment(memberConfig) };
  });
  return { config, operations, members };
}
