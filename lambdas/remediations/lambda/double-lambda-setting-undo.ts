import type { ApplyResult, ChangePlan, Plan, RemediationContext, State } from '../../core/remediation';
import {
  applyUnqualified,
  isUpdatable,
  latestKey,
  optionalStringParam,
  pointAlias,
  readAlias,
  readConfiguration,
  updateSetting,
  type DoubledSetting,
} from './lambda-setting';
import { countParam, stringParam } from '../common/plan-params';
import { alreadyRestored, expectRemediation, movedOn, recordedCount, recordedString, undoNoOp } from '../common/undo-plan';
import type { AppliedAction, Undo } from '../../core/applied-action';

/** Puts `$LATEST`'s setting back to its value before the doubling (the action changed nothing else). */
async function planUnqualifiedUndo(setting: DoubledSetting, action: AppliedAction, ctx: RemediationContext<'lambda'>): Promise<Plan> {
  const { label, unit, stateKey } = setting;
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
  if (!isUpdatable(config)) {
    return undoNoOp(action, before, `${functionName} is in state ${config.State ?? 'unknown'}, not Active or Inactive: its ${label} cannot be restored now`);
  }
  return {
    kind: 'change',
    remediation: action.remediation,
    resource: action.resource,
    summary: `undo: lower ${label} of ${functionName} from ${left} back to ${previous} ${unit}`,
    before,
    after: { [stateKey]: previous },
    params: { functionName, [stateKey]: previous },
  };
}

/**
 * Points the alias back at the version it served before (which still holds the old value), if
 * it still serves the version the action published. `$LATEST` is put back too, but only where
 * it still holds the value the action set: another value there is someone's later change.
 */
async function planAliasUndo(setting: DoubledSetting, action: AppliedAction, ctx: RemediationContext<'lambda'>): Promise<Plan> {
  const { label, unit, stateKey } = setting;
  const functionName = recordedString(action, 'params', 'functionName');
  const alias = recordedString(action, 'params', 'alias');
  const previousVersion = recordedString(action, 'after', 'previousVersion');
  const publishedVersion = recordedString(action, 'after', 'aliasVersion');
  const previous = recordedCount(action, 'before', stateKey);
  const left = recordedCount(action, 'after', stateKey);
  const recordedLatest = action.before[latestKey(setting)];
  const latestBefore = typeof recordedLatest === 'number' ? recordedLatest : undefined;

  const aliasConfig = await readAlias(ctx.calls, functionName, alias);
  const latest = await readConfiguration(ctx.calls, functionName);
  const current = aliasConfig.FunctionVersion ?? '';
  const weights = aliasConfig.RoutingConfig?.AdditionalVersionWeights ?? {};
  const latestNow = setting.read(latest);
  const before: State = { aliasVersion: current, additionalVersionWeights: weights, [latestKey(setting)]: latestNow ?? null, state: latest.State ?? null };
  const what = `alias ${action.resource}`;
  const shifting = Object.keys(weights).length > 0;
  if (current === previousVersion && !shifting) return undoNoOp(action, before, alreadyRestored(what, `version ${previousVersion}`));
  if (current !== publishedVersion || shifting) {
    const now = shifting ? `version ${current} with weighted routing to ${Object.keys(weights).join(', ')}` : `version ${current || 'none'}`;
    return undoNoOp(action, before, movedOn(what, now, `version ${publishedVersion}`, `version ${previousVersion}`));
  }

  const restoreLatest = latestBefore !== undefined && latestBefore !== left && latestNow === left && isUpdatable(latest);
  let latestNote = '';
  if (restoreLatest) latestNote = `, and lower ${label} of $LATEST from ${left} back to ${latestBefore} ${unit}`;
  else if (latestNow !== left) latestNote = `; $LATEST is left at ${latestNow ?? 'unreported'} ${unit}, not the ${left} ${unit} the action set (changed since)`;
  else if (!isUpdatable(latest)) latestNote = `; $LATEST is left at ${left} ${unit}: ${functionName} is in state ${latest.State ?? 'unknown'}`;
  return {
    kind: 'change',
    remediation: action.remediation,
    resource: action.resource,
    summary: `undo: point ${what} back from version ${publishedVersion} to version ${previousVersion} (${label} ${previous} ${unit})${latestNote}`,
    before,
    after: { aliasVersion: previousVersion, [stateKey]: previous, ...(restoreLatest ? { [latestKey(setting)]: latestBefore } : {}) },
    params: {
      functionName,
      alias,
      aliasVersion: previousVersion,
      // As read: a move of the alias after this plan is not overridden.
      aliasRevisionId: aliasConfig.RevisionId ?? null,
      [latestKey(setting)]: restoreLatest ? latestBefore : null,
    },
  };
}

async function applyAliasUndo(setting: DoubledSetting, plan: ChangePlan, ctx: RemediationContext<'lambda'>): Promise<ApplyResult> {
  const { label, unit } = setting;
  const functionName = stringParam(plan, 'functionName');
  const alias = stringParam(plan, 'alias');
  const version = stringParam(plan, 'aliasVersion');
  // The alias first: it is what serves traffic.
  const moved = await pointAlias(ctx.calls, functionName, alias, version, optionalStringParam(plan, 'aliasRevisionId'));
  const aliasVersion = moved.FunctionVersion ?? version;
  const summary = `alias ${functionName}:${alias} points at version ${aliasVersion} again`;
  if (plan.params[latestKey(setting)] === null) return { after: { aliasVersion }, summary };
  const restore = countParam(plan, latestKey(setting));
  const res = await updateSetting(ctx.calls, setting, functionName, restore);
  const value = setting.read(res) ?? restore;
  return { after: { aliasVersion, [latestKey(setting)]: value }, summary: `${summary}; ${label} of $LATEST set to ${value} ${unit}` };
}

/** Undoes a doubling by the path it took: records of the alias path name the alias in their params. */
export function undoDoubledSetting(setting: DoubledSetting): Undo<'lambda'> {
  return {
    async plan(action, ctx): Promise<Plan> {
      expectRemediation(action, setting.id);
      return typeof action.params['alias'] === 'string' ? planAliasUndo(setting, action, ctx) : planUnqualifiedUndo(setting, action, ctx);
    },
    apply: (plan, ctx) => (plan.params['alias'] === undefined ? applyUnqualified(setting, plan, ctx) : applyAliasUndo(setting, plan, ctx)),
  };
}
