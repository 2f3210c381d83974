import { PublishVersionCommand, type AliasConfiguration, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { AwsCallRecord } from '../../core/record';
import type { ApplyResult, Plan, RemediationContext } from '../../core/remediation';
import type { State } from '../../core/state';
import { awsCall } from '../../runtime/aws-call';
import { lambdaClient } from '../../runtime/clients/lambda';
import { boundedRaise, limitedBySuffix } from '../common/bounded-raise';
import { unreleasedChanges } from './lambda-released-config';
import { isUpdatable, keyed, pointAlias, readConfiguration, updateSetting, type DoubledSetting, type SettingKey, type ThroughAliasParams } from './lambda-setting';

/** How long apply waits for the configuration update before publishing; tests set intervalMs to 0. */
export const updatePollPolicy = { intervalMs: 1000, maxPolls: 20 };

/** AWS's limit on a version's description. */
const DESCRIPTION_MAX = 256;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The update of `$LATEST` did not complete: nothing was published and the alias did not move. */
export class LambdaUpdateError extends Error {
  override readonly name = 'LambdaUpdateError';
}

/**
 * Plans the raise for an alias that serves a published version: memory size and timeout are
 * frozen in a version, so the alias only sees a new value through a new version. That version
 * is published from `$LATEST`, which must therefore hold nothing the alias does not already
 * serve (code or configuration), or the remediation would ship an unreleased change.
 */
export async function planThroughAlias<K extends SettingKey>(
  setting: DoubledSetting<K>,
  ctx: RemediationContext<'lambda'>,
  alias: string,
  aliasConfig: AliasConfiguration,
): Promise<Plan<ThroughAliasParams<K>>> {
  const { id, label, unit, stateKey } = setting;
  const { name } = ctx.target.props;
  const resource = `${name}:${alias}`;
  const noOp = (reason: string, before: State): Plan<never> => ({ kind: 'no-op', remediation: id, resource, reason, before });
  const servedVersion = aliasConfig.FunctionVersion ?? '';
  const weights = aliasConfig.RoutingConfig?.AdditionalVersionWeights ?? {};
  if (servedVersion === '') return noOp(`GetAlias did not report which version alias ${resource} serves`, {});
  const shifting = Object.keys(weights);
  if (shifting.length > 0) {
    const to = shifting.map((v) => `version ${v}`).join(', ');
    const why = 'a canary or linear deployment is in progress: publishing a version and moving the alias would cut it short';
    return noOp(`alias ${resource} shifts traffic from version ${servedVersion} to ${to}; ${why}, so its ${label} is left alone`, {
      aliasVersion: servedVersion,
      additionalVersionWeights: weights,
    });
  }

  // Read through the alias, not by version number: the responder's IAM names the configured alias
  // only (`NAME:ALIAS`), never versions published at run time. The version it reports must be the
  // one GetAlias named, or the alias moved in between and what was read is not what it serves.
  const served = await readConfiguration(ctx.calls, name, alias);
  if (served.Version !== servedVersion) {
    return noOp(`alias ${resource} moved from version ${servedVersion} to ${served.Version ?? 'an unknown version'} while it was read: its ${label} is left alone`, {
      aliasVersion: servedVersion,
    });
  }
  const latest = await readConfiguration(ctx.calls, name);
  const current = setting.read(served);
  const before: State = {
    [stateKey]: current ?? null,
    aliasVersion: servedVersion,
    codeSha256: served.CodeSha256 ?? null,
    [setting.latestKey]: setting.read(latest) ?? null,
    latestCodeSha256: latest.CodeSha256 ?? null,
    state: latest.State ?? null,
    lastUpdateStatus: latest.LastUpdateStatus ?? null,
  };
  const version = `version ${servedVersion}`;
  if (!isUpdatable(latest)) {
    const why = latest.StateReason === undefined ? '' : ` (${latest.StateReason})`;
    return noOp(`${name} is in state ${latest.State ?? 'unknown'}${why}, not Active or Inactive: its configuration is left alone`, before);
  }
  const leftAlone = `so the ${label} of alias ${resource} is left alone for people to decide`;
  if (latest.LastUpdateStatus === 'InProgress') {
    return noOp(`an update of ${name} ($LATEST) is in progress: what it changes is not in ${version}, and publishing could ship it, ${leftAlone}`, before);
  }
  if (current === undefined) return noOp(`GetFunctionConfiguration did not report the ${label} of ${version} of ${name}`, before);
  if (served.CodeSha256 === undefined || latest.CodeSha256 === undefined) {
    return noOp(`GetFunctionConfiguration did not report the code hash of ${name}: whether $LATEST holds unreleased code cannot be told, ${leftAlone}`, before);
  }
  if (served.CodeSha256 !== latest.CodeSha256) {
    return noOp(
      `$LATEST of ${name} holds unreleased code (CodeSha256 ${latest.CodeSha256}, while alias ${alias} serves ${version}, ${served.CodeSha256}): ` +
        `raising the ${label} through the alias means publishing $LATEST, which could ship that unreleased code to the alias's traffic, ${leftAlone}`,
      before,
    );
  }
  const changes = unreleasedChanges(served, latest, label);
  if (changes.length > 0) {
    return noOp(
      `$LATEST of ${name} holds unreleased configuration (${changes.join(', ')} differ from ${version}, which alias ${alias} serves): ` +
        `raising the ${label} through the alias means publishing $LATEST, which could ship that unreleased configuration, ${leftAlone}`,
      before,
    );
  }

  const raise = boundedRaise(current, current * 2, [setting.cap(ctx.target.caps), setting.awsMax]);
  if (raise.kind === 'at-limit') return noOp(`${label} of ${resource} is ${current} ${unit}, already at ${raise.limit.name}`, before);
  return {
    kind: 'change',
    remediation: id,
    resource,
    summary:
      `raise ${label} of ${resource} from ${current} to ${raise.value} ${unit}${limitedBySuffix(raise)}: ` +
      `set it on $LATEST, publish a version of the same code as ${version}, and move alias ${alias} to it`,
    before,
    after: { [stateKey]: raise.value },
    params: {
      functionName: name,
      alias,
      servedVersion,
      codeSha256: latest.CodeSha256,
      ...keyed(stateKey, raise.value),
      // Revisions as checked: apply's writes are refused if the function or the alias changed since.
      latestRevisionId: latest.RevisionId ?? null,
      aliasRevisionId: aliasConfig.RevisionId ?? null,
    },
  };
}

/** Waits, boundedly, for the update of `$LATEST` to finish: a version published before would not hold it. */
async function waitForUpdate(calls: AwsCallRecord[], functionName: string, untouched: string): Promise<FunctionConfiguration> {
  for (let poll = 0; poll < updatePollPolicy.maxPolls; poll += 1) {
    await sleep(updatePollPolicy.intervalMs);
    const config = await readConfiguration(calls, functionName);
    if (config.LastUpdateStatus === 'Successful') return config;
    if (config.LastUpdateStatus === 'Failed') {
      const why = [config.LastUpdateStatusReasonCode, config.LastUpdateStatusReason].filter((s) => s !== undefined).join(': ');
      throw new LambdaUpdateError(`the configuration update of ${functionName} failed${why === '' ? '' : ` (${why})`}: ${untouched}`);
    }
  }
  throw new LambdaUpdateError(`the configuration update of ${functionName} did not complete within ${updatePollPolicy.maxPolls} polls: ${untouched}`);
}

/**
 * Sets the value on `$LATEST`, waits for it, publishes it as a version of exactly the code the
 * alias served (AWS refuses the publication if the code changed meanwhile) and moves the alias.
 * A failure at any step throws: the orchestrator records the action as failed and escalates.
 */
export async function applyThroughAlias<K extends SettingKey>(setting: DoubledSetting<K>, params: ThroughAliasParams<K>, ctx: RemediationContext<'lambda'>): Promise<ApplyResult> {
  const { label, unit, stateKey } = setting;
  const { functionName, alias, servedVersion, codeSha256 } = params;
  const requested = params[stateKey];
  const untouched = `nothing was published and alias ${alias} still serves version ${servedVersion}`;

  await updateSetting(ctx.calls, setting, functionName, requested, params.latestRevisionId ?? undefined);
  const updated = await waitForUpdate(ctx.calls, functionName, untouched);
  const description = `alert-responder: ${label} ${requested} ${unit} for alarm ${ctx.alarm.name}, from version ${servedVersion}`;
  const published = await awsCall(
    ctx.calls,
    'lambda',
    'PublishVersion',
    () =>
      lambdaClient().send(
        new PublishVersionCommand({
          FunctionName: functionName,
          CodeSha256: codeSha256,
          ...(updated.RevisionId === undefined ? {} : { RevisionId: updated.RevisionId }),
          Description: description.slice(0, DESCRIPTION_MAX),
        }),
      ),
    // AWS publishes nothing new when $LATEST is unchanged since the last version, so a repeat returns that version.
    { mutating: true, idempotent: true, retryOn: ['ResourceConflictException'] },
  );
  const version = published.Version;
  if (version === undefined || !/^[0-9]+$/.test(version)) {
    throw new LambdaUpdateError(`PublishVersion of ${functionName} reported no version number: alias ${alias} still serves version ${servedVersion}`);
  }
  const moved = await pointAlias(ctx.calls, functionName, alias, version, params.aliasRevisionId ?? undefined);
  const value = setting.read(published) ?? requested;
  const aliasVersion = moved.FunctionVersion ?? version;
  return {
    after: { [stateKey]: value, aliasVersion, previousVersion: servedVersion },
    summary: `${label} of ${functionName}:${alias} set to ${value} ${unit}: published version ${aliasVersion} (code of version ${servedVersion}) and moved the alias to it`,
  };
}
