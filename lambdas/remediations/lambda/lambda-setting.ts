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
import { both, field, ifHas, int, nullable, object, str, type Infer } from '../../core/params';
import type { AwsCallRecord } from '../../core/record';
import type { ApplyResult, RemediationContext } from '../../core/remediation';
import { awsCall } from '../../runtime/aws-call';
import { lambdaClient } from '../../runtime/clients/lambda';
import type { Limit } from '../common/bounded-raise';

/** The keys of the settings a remediation doubles, with the unit in their name. */
export type SettingKey = 'memoryMb' | 'timeoutSeconds';

/** One function-level number that a remediation doubles: memory size or timeout. */
export interface DoubledSetting<K extends SettingKey = SettingKey> {
  readonly id: RemediationId;
  /** How records and summaries name it, e.g. "memory size". */
  readonly label: string;
  readonly unit: string;
  /** Key in the plan's before/after/params (`memoryMb`). */
  readonly stateKey: K;
  /** Where the alias path records `$LATEST`'s own value, which may differ from the version served. */
  readonly latestKey: `latest${Capitalize<K>}`;
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

/** `{ [key]: value }` typed by its key: the compiler types an object with a computed key of a type parameter as a bare index. */
export function keyed<const K extends string, V>(key: K, value: V): { readonly [P in K]: V } {
  return { [key]: value } as { readonly [P in K]: V };
}

/**
 * What `apply` needs, by the path the plan took: with `alias`, through a new version (revision
 * ids as read, null where AWS reported none); without, on `$LATEST` directly.
 */
export function settingParams<K extends SettingKey>(setting: DoubledSetting<K>) {
  const value = field(setting.stateKey, int());
  const unqualified = both(object({ functionName: str() }), value);
  const revisions = { latestRevisionId: nullable(str()), aliasRevisionId: nullable(str()) };
  const throughAlias = both(object({ functionName: str(), alias: str(), servedVersion: str(), codeSha256: str(), ...revisions }), value);
  return { unqualified, throughAlias, params: ifHas('alias', throughAlias, unqualified) };
}

export type UnqualifiedParams<K extends SettingKey> = Infer<ReturnType<typeof settingParams<K>>['unqualified']>;
export type ThroughAliasParams<K extends SettingKey> = Infer<ReturnType<typeof settingParams<K>>['throughAlias']>;

/** A version's configuration, or without a qualifier the unqualified (`$LATEST`) one. */
export function readConfiguration(calls: AwsCallRecord[], functionName: string, qualifier?: string): Promise<FunctionConfiguration> {
  return awsCall(
    calls,
    'lambda',
    'GetFunctionConfiguration',
    () => lambdaClient().send(new GetFunctionConfigurationCommand(qualifier === undefined ? { FunctionName: functionName } : { FunctionName: functionName, Qualifier: qualifier })),
    { mutating: false },
  );
}

export function readAlias(calls: AwsCallRecord[], functionName: string, alias: string): Promise<AliasConfiguration> {
  return awsCall(calls, 'lambda', 'GetAlias', () => lambdaClient().send(new GetAliasCommand({ FunctionName: functionName, Name: alias })), { mutating: false });
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
    () => lambdaClient().send(new UpdateFunctionConfigurationCommand(revisionId === undefined ? request : { ...request, RevisionId: revisionId })),
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
    () => lambdaClient().send(new UpdateAliasCommand(revisionId === undefined ? input : { ...input, RevisionId: revisionId })),
    // Absolute: the same version again changes nothing; a conflict means another operation runs.
    { mutating: true, idempotent: true, retryOn: ['ResourceConflictException'] },
  );
}

/**
 * Points the alias at a version with exactly these routing weights (empty: all traffic to the
 * version). Always sends the weights: leaving them out would keep whatever routing the alias has.
 */
export function routeAlias(calls: AwsCallRecord[], functionName: string, alias: string, version: string, weights: Readonly<Record<string, number>>): Promise<AliasConfiguration> {
  const input = { FunctionName: functionName, Name: alias, FunctionVersion: version, RoutingConfig: { AdditionalVersionWeights: { ...weights } } };
  // Absolute: the same version and weights again change nothing.
  return awsCall(calls, 'lambda', 'UpdateAlias', () => lambdaClient().send(new UpdateAliasCommand(input)), { mutating: true, idempotent: true });
}

/** Sets the value on `$LATEST`; the undo reuses it to put the earlier value back. */
export async function applyUnqualified<K extends SettingKey>(setting: DoubledSetting<K>, params: UnqualifiedParams<K>, ctx: RemediationContext<'lambda'>): Promise<ApplyResult> {
  const { label, unit, stateKey } = setting;
  const { functionName } = params;
  const requested = params[stateKey];
  const res = await updateSetting(ctx.calls, setting, functionName, requested);
  const value = setting.read(res) ?? requested;
  return {
    after: { [stateKey]: value, lastUpdateStatus: res.LastUpdateStatus ?? null },
    summary: `${label} of ${functionName} set to ${value} ${unit}`,
  };
}
