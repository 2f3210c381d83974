import {
  GetFunctionConfigurationCommand,
  UpdateFunctionConfigurationCommand,
  type FunctionConfiguration,
  type UpdateFunctionConfigurationRequest,
} from '@aws-sdk/client-lambda';
import type { Caps, RemediationId } from '../../lib/catalogue';
import { awsCall } from '../shared/aws-call';
import { lambdaClient } from '../shared/clients/lambda';
import { boundedRaise, limitedBySuffix, type Limit } from './bounded-raise';
import { countParam, stringParam } from './plan-params';
import type { AwsCallRecord, Plan, Remediation, State } from './types';
import { alreadyRestored, expectRemediation, movedOn, recordedCount, recordedString, undoNoOp } from './undo-plan';
import type { Undo } from './undo-types';

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

/** The unqualified (`$LATEST`) configuration, where memory size and timeout live. */
function readConfiguration(calls: AwsCallRecord[], functionName: string): Promise<FunctionConfiguration> {
  return awsCall(
    calls,
    'lambda',
    'GetFunctionConfiguration',
    () => lambdaClient.send(new GetFunctionConfigurationCommand({ FunctionName: functionName })),
    { mutating: false },
  );
}

/** Puts the setting back to its value before the doubling; `apply` is the remediation's own absolute update. */
function undoDoubledSetting(setting: DoubledSetting, apply: Undo<'lambda'>['apply']): Undo<'lambda'> {
  const { id, label, unit, stateKey } = setting;
  return {
    async plan(action, ctx): Promise<Plan> {
      expectRemediation(action, id);
      const functionName = recordedString(action, 'params', 'functionName');
      const previous = recordedCount(action, 'before', stateKey);
      const left = recordedCount(action, 'after', stateKey);
      const config = await readConfiguration(ctx.calls, functionName);
      const current = setting.read(config);
      const before: State = { [stateKey]: current ?? null, state: config.State ?? null, lastUpdateStatus: config.LastUpdateStatus ?? null };
      const what = `${label} of ${functionName}`;
      if (current === previous) return undoNoOp(action, before, alreadyRestored(what, `${previous} ${unit}`));
      if (current !== left) {
        return undoNoOp(action, before, movedOn(what, `${current ?? 'unreported'} ${unit}`, `${left} ${unit}`, `${previous} ${unit}`));
      }
      if (config.State === undefined || !UPDATABLE_STATES.has(config.State)) {
        return undoNoOp(action, before, `${functionName} is in state ${config.State ?? 'unknown'}, not Active or Inactive: its ${label} cannot be restored now`);
      }
      return {
        kind: 'change',
        remediation: id,
        resource: action.resource,
        summary: `undo: lower ${label} of ${functionName} from ${left} back to ${previous} ${unit}`,
        before,
        after: { [stateKey]: previous },
        params: { functionName, [stateKey]: previous },
      };
    },
    apply,
  };
}

/**
 * Builds the remediation that doubles a setting of the function (unqualified: the `$LATEST`
 * configuration), capped by configuration and by AWS.
 */
export function doubleLambdaSetting(setting: DoubledSetting): Remediation<'lambda'> {
  const { id, label, unit, stateKey } = setting;
  const remediation: Remediation<'lambda'> = {
    id,
    targetType: 'lambda',
    undo: undoDoubledSetting(setting, (plan, ctx) => remediation.apply(plan, ctx)),

    async plan(ctx): Promise<Plan> {
      const { name } = ctx.target.props;
      const noOp = (reason: string, before: State): Plan => ({ kind: 'no-op', remediation: id, resource: name, reason, before });
      const config = await readConfiguration(ctx.calls, name);
      const current = setting.read(config);
      const before: State = {
        [stateKey]: current ?? null,
        state: config.State ?? null,
        lastUpdateStatus: config.LastUpdateStatus ?? null,
      };
      if (config.State === undefined || !UPDATABLE_STATES.has(config.State)) {
        const why = config.StateReason === undefined ? '' : ` (${config.StateReason})`;
        return noOp(`${name} is in state ${config.State ?? 'unknown'}${why}, not Active or Inactive: its configuration is left alone`, before);
      }
      if (current === undefined) return noOp(`GetFunctionConfiguration did not report the ${label} of ${name}`, before);

      const raise = boundedRaise(current, current * 2, [setting.cap(ctx.target.caps), setting.awsMax]);
      if (raise.kind === 'at-limit') {
        return noOp(`${label} of ${name} is ${current} ${unit}, already at ${raise.limit.name}`, before);
      }
      return {
        kind: 'change',
        remediation: id,
        resource: name,
        summary: `raise ${label} of ${name} from ${current} to ${raise.value} ${unit}${limitedBySuffix(raise)}`,
        before,
        after: { [stateKey]: raise.value },
        params: { functionName: name, [stateKey]: raise.value },
      };
    },

    async apply(plan, ctx) {
      const functionName = stringParam(plan, 'functionName');
      const requested = countParam(plan, stateKey);
      const res = await awsCall(
        ctx.calls,
        'lambda',
        'UpdateFunctionConfiguration',
        () => lambdaClient.send(new UpdateFunctionConfigurationCommand(setting.request(functionName, requested))),
        // An absolute value, so safe to repeat; a conflict means another update is still running.
        { mutating: true, idempotent: true, retryOn: ['ResourceConflictException'] },
      );
      const value = setting.read(res) ?? requested;
      return {
        after: { [stateKey]: value, lastUpdateStatus: res.LastUpdateStatus ?? null },
        summary: `${label} of ${functionName} set to ${value} ${unit}`,
      };
    },
  };
  return remediation;
}
