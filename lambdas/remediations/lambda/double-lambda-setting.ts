import { defineRemediation, type Plan, type RemediationContext } from '../../core/remediation';
import type { State } from '../../core/state';
import { boundedRaise, limitedBySuffix } from '../common/bounded-raise';
import { undoDoubledSetting } from './double-lambda-setting-undo';
import { applyThroughAlias, planThroughAlias } from './lambda-alias-publish';
import {
  applyUnqualified,
  isUpdatable,
  keyed,
  readAlias,
  readConfiguration,
  settingParams,
  type DoubledSetting,
  type SettingKey,
  type UnqualifiedParams,
} from './lambda-setting';

export type { DoubledSetting } from './lambda-setting';

/** Plans the raise on the unqualified (`$LATEST`) configuration: what a function without alias, or an alias on `$LATEST`, serves. */
async function planUnqualified<K extends SettingKey>(setting: DoubledSetting<K>, ctx: RemediationContext<'lambda'>): Promise<Plan<UnqualifiedParams<K>>> {
  const { id, label, unit, stateKey } = setting;
  const { name } = ctx.target.props;
  const noOp = (reason: string, before: State): Plan<never> => ({ kind: 'no-op', remediation: id, resource: name, reason, before });
  const config = await readConfiguration(ctx.calls, name);
  const current = setting.read(config);
  const before: State = {
    [stateKey]: current ?? null,
    state: config.State ?? null,
    lastUpdateStatus: config.LastUpdateStatus ?? null,
  };
  if (!isUpdatable(config)) {
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
    params: { functionName: name, ...keyed(stateKey, raise.value) },
  };
}

/**
 * Builds the remediation that doubles a setting of the function, capped by configuration and by
 * AWS. Without an alias (or with one on `$LATEST`) the unqualified configuration is what runs.
 * An alias on a published version serves that version's frozen value: raising `$LATEST` alone
 * would change nothing the alias serves, so the raise goes through a new version.
 */
export function doubleLambdaSetting<K extends SettingKey>(setting: DoubledSetting<K>) {
  return defineRemediation({
    id: setting.id,
    targetType: 'lambda',
    params: settingParams(setting).params,
    undo: undoDoubledSetting(setting),

    async plan(ctx) {
      const { name, alias } = ctx.target.props;
      if (alias === undefined) return planUnqualified(setting, ctx);
      const aliasConfig = await readAlias(ctx.calls, name, alias);
      if (aliasConfig.FunctionVersion === '$LATEST') return planUnqualified(setting, ctx);
      return planThroughAlias(setting, ctx, alias, aliasConfig);
    },

    // The plan decided the path: an alias in its params means the raise goes through a version.
    apply: (params, ctx) => ('alias' in params ? applyThroughAlias(setting, params, ctx) : applyUnqualified(setting, params, ctx)),
  });
}
