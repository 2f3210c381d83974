import { both, field, ifHas, int, nullable, object, str, type Infer } from '../../core/params';
import type { ApplyResult, Plan, RemediationContext } from '../../core/remediation';
import type { State } from '../../core/state';
import { defineUndo, type AppliedAction } from '../../core/undo';
import { alreadyRestored, movedOn, undoNoOp } from '../common/undo-reasons';
import {
  applyUnqualified,
  isUpdatable,
  keyed,
  pointAlias,
  readAlias,
  readConfiguration,
  settingParams,
  updateSetting,
  type DoubledSetting,
  type SettingKey,
  type UnqualifiedParams,
} from './lambda-setting';

/** What an undo reads of the action, by the path it took, and what its own apply needs. */
function undoSchemas<K extends SettingKey>(setting: DoubledSetting<K>) {
  const value = field(setting.stateKey, int());
  const unqualified = object({ params: object({ functionName: str() }), before: value, after: value });
  const throughAlias = object({
    params: object({ functionName: str(), alias: str() }),
    // `$LATEST`'s own value before the action, where it was reported.
    before: both(value, field(setting.latestKey, nullable(int()))),
    after: both(value, object({ previousVersion: str(), aliasVersion: str() })),
  });
  const aliasParams = both(
    object({ functionName: str(), alias: str(), aliasVersion: str(), aliasRevisionId: nullable(str()) }),
    // Null: `$LATEST` is left as it is.
    field(setting.latestKey, nullable(int())),
  );
  return { unqualified, throughAlias, aliasParams, recorded: ifHas('params.alias', throughAlias, unqualified), params: ifHas('alias', aliasParams, settingParams(setting).unqualified) };
}

type Schemas<K extends SettingKey> = ReturnType<typeof undoSchemas<K>>;
type AliasRecord<K extends SettingKey> = Infer<Schemas<K>['throughAlias']>;

/** The record of the alias path names the alias in its params. */
const tookAlias = <K extends SettingKey>(recorded: Infer<Schemas<K>['recorded']>): recorded is AliasRecord<K> => 'alias' in recorded.params;

/** Puts `$LATEST`'s setting back to its value before the doubling (the action changed nothing else). */
async function planUnqualifiedUndo<K extends SettingKey>(
  setting: DoubledSetting<K>,
  recorded: Infer<Schemas<K>['unqualified']>,
  action: AppliedAction,
  ctx: RemediationContext<'lambda'>,
): Promise<Plan<UnqualifiedParams<K>>> {
  const { label, unit, stateKey } = setting;
  const { functionName } = recorded.params;
  const previous: number = recorded.before[stateKey];
  const left: number = recorded.after[stateKey];
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
    params: { functionName, ...keyed(stateKey, previous) },
  };
}

/**
 * Points the alias back at the version it served before (which still holds the old value), if
 * it still serves the version the action published. `$LATEST` is put back too, but only where
 * it still holds the value the action set: another value there is someone's later change.
 */
async function planAliasUndo<K extends SettingKey>(
  setting: DoubledSetting<K>,
  recorded: AliasRecord<K>,
  action: AppliedAction,
  ctx: RemediationContext<'lambda'>,
): Promise<Plan<Infer<Schemas<K>['aliasParams']>>> {
  const { label, unit, stateKey, latestKey } = setting;
  const { functionName, alias } = recorded.params;
  const { previousVersion, aliasVersion: publishedVersion } = recorded.after;
  const previous: number = recorded.before[stateKey];
  const left: number = recorded.after[stateKey];
  const latestBefore: number | null = recorded.before[latestKey];

  const aliasConfig = await readAlias(ctx.calls, functionName, alias);
  const latest = await readConfiguration(ctx.calls, functionName);
  const current = aliasConfig.FunctionVersion ?? '';
  const weights = aliasConfig.RoutingConfig?.AdditionalVersionWeights ?? {};
  const latestNow = setting.read(latest);
  const before: State = { aliasVersion: current, additionalVersionWeights: weights, [latestKey]: latestNow ?? null, state: latest.State ?? null };
  const what = `alias ${action.resource}`;
  const shifting = Object.keys(weights).length > 0;
  if (current === previousVersion && !shifting) return undoNoOp(action, before, alreadyRestored(what, `version ${previousVersion}`));
  if (current !== publishedVersion || shifting) {
    const now = shifting ? `version ${current} with weighted routing to ${Object.keys(weights).join(', ')}` : `version ${current || 'none'}`;
    return undoNoOp(action, before, movedOn(what, now, `version ${publishedVersion}`, `version ${previousVersion}`));
  }

  const restoreLatest = latestBefore !== null && latestBefore !== left && latestNow === left && isUpdatable(latest);
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
    after: { aliasVersion: previousVersion, [stateKey]: previous, ...(restoreLatest ? { [latestKey]: latestBefore } : {}) },
    params: {
      functionName,
      alias,
      aliasVersion: previousVersion,
      // As read: a move of the alias after this plan is not overridden.
      aliasRevisionId: aliasConfig.RevisionId ?? null,
      ...keyed(latestKey, restoreLatest ? latestBefore : null),
    },
  };
}

async function applyAliasUndo<K extends SettingKey>(setting: DoubledSetting<K>, params: Infer<Schemas<K>['aliasParams']>, ctx: RemediationContext<'lambda'>): Promise<ApplyResult> {
  const { label, unit, latestKey } = setting;
  const { functionName, alias, aliasVersion: version } = params;
  // The alias first: it is what serves traffic.
  const moved = await pointAlias(ctx.calls, functionName, alias, version, params.aliasRevisionId ?? undefined);
  const aliasVersion = moved.FunctionVersion ?? version;
  const summary = `alias ${functionName}:${alias} points at version ${aliasVersion} again`;
  const restore: number | null = params[latestKey];
  if (restore === null) return { after: { aliasVersion }, summary };
  const res = await updateSetting(ctx.calls, setting, functionName, restore);
  const value = setting.read(res) ?? restore;
  return { after: { aliasVersion, [latestKey]: value }, summary: `${summary}; ${label} of $LATEST set to ${value} ${unit}` };
}

/** Undoes a doubling by the path it took: records of the alias path name the alias in their params. */
export function undoDoubledSetting<K extends SettingKey>(setting: DoubledSetting<K>) {
  const schemas = undoSchemas(setting);
  return defineUndo('lambda', {
    recorded: schemas.recorded,
    params: schemas.params,
    plan: (recorded, action, ctx) => (tookAlias(recorded) ? planAliasUndo(setting, recorded, action, ctx) : planUnqualifiedUndo(setting, recorded, action, ctx)),
    apply: (params, ctx) => ('alias' in params ? applyAliasUndo(setting, params, ctx) : applyUnqualified(setting, params, ctx)),
  });
}
