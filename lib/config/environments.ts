import { formatReceived, type ConfigProblem } from './problems';
import type { DeploymentConfig } from './schema';

/** A member account and region, resolved: the region defaulted, the systems named. */
export interface ResolvedEnvironment {
  readonly account: string;
  readonly region: string;
  /** The ids of the systems watched there. */
  readonly systems: readonly string[];
}

/** The central account and region of a multi-account configuration, resolved. */
export interface ResolvedOperations {
  readonly account: string;
  readonly region: string;
}

/** The member environments of a configuration, or none for a single-account one. */
export function resolveEnvironments(config: DeploymentConfig): ResolvedEnvironment[] {
  return (config.environments ?? []).map((e) => ({
    account: e.account,
    region: e.region ?? config.region,
    systems: e.systems ?? config.systems.map((s) => s.id),
  }));
}

/** The operations account and region, when the configuration names one. */
export function resolveOperations(config: DeploymentConfig): ResolvedOperations | undefined {
  return config.operations ? { account: config.operations.account, region: config.operations.region ?? config.region } : undefined;
}

/** The checks of a multi-account configuration that its schema cannot express. */
export function environmentProblems(config: DeploymentConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const add = (path: string, message: string, received?: unknown) =>
    problems.push({ path, message, received: received === undefined ? undefined : formatReceived(received) });
  const { environments, operations } = config;
  if (environments === undefined) {
    if (operations !== undefined) add('environments', 'is required when "operations" is set: name the member accounts and regions');
    return problems;
  }
  if (operations === undefined) add('operations', 'is required when "environments" is set: name the central account where records and escalations arrive');
  if (config.account !== undefined) add('account', 'must be left out when "environments" is set: each environment names its account', config.account);

  const systemIds = new Set(config.systems.map((s) => s.id));
  const seen = new Map<string, number>();
  resolveEnvironments(config).forEach((env, i) => {
    const key = `${env.account}/${env.region}`;
    const first = seen.get(key);
    if (first !== undefined) add(`environments[${i}]`, `duplicate account and region, already used by environments[${first}]`, key);
    else seen.set(key, i);
    (environments[i]?.systems ?? []).forEach((id, k) => {
      if (!systemIds.has(id)) add(`environments[${i}].systems[${k}]`, `no system with this id (systems are: ${[...systemIds].join(', ')})`, id);
    });
  });
  return problems;
}
