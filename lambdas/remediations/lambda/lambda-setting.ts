import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
  type AliasConfiguration,
  type FunctionConfiguration,
  type UpdateFunctionConfigurationRequest,
} from '@aws-sdk/client-lambda';
import type { Caps, RemediationId } from '../../../lib/catalogue';
import { awsCall } from '../../runtime/aws-call';
import { lambdaClient } from '../../runtime/clients/lambda';
import type { Limit } from '../common/bounded-raise';
import { countParam, stringParam } from '../common/plan-params';
import type { ApplyResult, AwsCallRecord, ChangePlan, RemediationContext } from '../../core/remediation';

/** One function-level number that a remediation doubles: memory size or timeout. */
export interface DoubledSetting {
  readonly id: RemediationId;
  /** How records and summaries name it, e.g. "memory size". */
  readonly label: string;
  readonly unit: string;
  /** Key in the plan's before/after/params, with the unit in its name (`memoryMb`). */
  readonly stateKey: string;
  readonly read: (config: FunctionConfiguration) => number | undefined;
  readonly request: (functionName: string, value: number) => UpdateFunctionConfigurationRequest;
  readonly cap: (caps: Caps) => Limit;
  /** AWS's own maximum for the setting. */
  readonly awsMax: Limit;
}

// Inactive functions accept configuration updates (and wake up); Pending, Failed and the
// deactivating states do not, or would hide a deeper problem.
const UPDATABLE_STATES: ReadonlySet<string> = new Set(['Active', 'Inactive']);

export function isUpdatable(config: FunctionConfiguration): boolean {
  return config.State !== undefined && UPDATABLE_STATES.has(config.State);
}

/** An optional plan parameter, such as a revision id AWS may not have reported. */
export function optionalStringParam(plan: ChangePlan, key: string): string | undefined {
  const value = plan.params[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Where the alias path records `$LATEST`'s own value, which may differ from the version served. */
export function latestKey(setting: DoubledSetting): string {
  return `latest${setting.stateKey.charAt(0).toUpperCase()}${setting.stateKey.slice(1)}`;
}

/** A version's configuration, or without a qualifier the unqualified (`$LATEST`) one. */
export function readConfiguration(calls: AwsCallRecord[], functionName: string, qualifier?: string): Promise<FunctionConfiguration> {
  return awsCall(
    calls,
    'lambda',
    'GetFunctionConfiguration',
    () => lambdaClient.send(new GetFunctionConfigurationCommand(qualifier === undefined ? { FunctionName: functionName } : { FunctionName: functionName, Qualifier: qualifier })),
    { mutating: false },
  );
}

export function readAlias(calls: AwsCallRecord[], functionName: string, alias: string): Promise<AliasConfiguration> {
  return awsCall(calls, 'lambda', 'GetAlias', () => lambdaClient.send(new GetAliasCommand({ FunctionName: functionName, Name: alias })), { mutating: false });
}

/**
 * Sets the setting on `$LATEST`. With `revisionId`, AWS refuses (PreconditionFailedException)
 * if the function changed since that revision was read: what was checked is what is changed.
 */
export function updateSetting(
  calls: AwsCallRecord[],
  setting: DoubledSetting,
  functionName: string,
  value: number,
  revisionId?: string,
): Promise<FunctionConfiguration> {
  const request = setting.request(functionName, value);
  return awsCall(
    calls,
    'lambda',
    'UpdateFunctionConfiguration',
    () => lambdaClient.send(new UpdateFunctionConfigurationCommand(revisionId === undefined ? request : { ...request, RevisionId: revisionId })),
    // An absolute value, so safe to repeat; a conflict means another update is still running.
    { mutating: true, idempotent: true, retryOn: ['ResourceConflictException'] },
  );
}

/**
 * Points the alias at one version, all traffic. With `revisionId`, AWS refuses if the alias
 * moved since it was read (a deployment, a rollback): that move is not overridden.
 */
export function pointAlias(
  calls: AwsCallRecord[],
  functionName: string,
  alias: string,
  version: string,
  revisionId?: string,
): Promise<AliasConfiguration> {
  const input = { FunctionName: functionName, Name: alias, FunctionVersion: version };
  return awsCall(
    calls,
    'lambda',
    'UpdateAlias',
    () => lambdaClient.send(new UpdateAliasCommand(revisionId === undefined ? input : { ...input, RevisionId: revisionId })),
    // Absolute: the same version again changes nothing; a conflict means another operation runs.
    { mutating: true, idempotent: true, retryOn: ['ResourceConflictException'] },
  );
}

/** Sets the value on `$LATEST`; the undo reuses it to put the earlier value back. */
export async function applyUnqualified(setting: DoubledSetting, plan: ChangePlan, ctx: RemediationContext<'lambda'>): Promise<ApplyResult> {
  const { label, unit, stateKey } = setting;
  const functionName = stringParam(plan, 'functionName');
  const requested = countParam(plan, stateKey);
  const res = await updateSetting(ctx.calls, setting, functionName, requested);
  const value = setting.read(res) ?? requested;
  return {
    after: { [stateKey]: value, lastUpdateStatus: res.LastUpdateStatus ?? null },
    summary: `${label} of ${functionName} set to ${value} ${unit}`,
  };
}
