import { GetAliasCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import type { RemediationId } from '../../../lib/catalogue';
import { awsCall } from '../../runtime/aws-call';
import { lambdaClient } from '../../runtime/clients/lambda';
import { PlanParamsError, stringParam } from '../common/plan-params';
import type { Plan, State, StateValue } from '../../core/remediation';
import { alreadyRestored, AppliedActionError, expectRemediation, movedOn, recordedString, undoNoOp } from '../common/undo-plan';
import type { Undo } from '../../core/applied-action';

const ID = 'rollback-lambda-alias' satisfies RemediationId;
const WEIGHTS = 'additionalVersionWeights';

type Weights = Readonly<Record<string, number>>;

/** Routing weights as recorded (version → share of traffic); undefined when the value is not that shape. */
function asWeights(value: StateValue | undefined): Weights | undefined {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const weights: Record<string, number> = {};
  for (const [version, weight] of Object.entries(value)) {
    if (typeof weight !== 'number') return undefined;
    weights[version] = weight;
  }
  return weights;
}

function sameWeights(a: Weights, b: Weights): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** How a summary or a reason names what the alias serves: `version 7` or `version 7 (10% to version 8)`. */
function serving(version: string, weights: Weights): string {
  const shares = Object.entries(weights).map(([v, w]) => `${Math.round(w * 1000) / 10}% to version ${v}`);
  return shares.length === 0 ? `version ${version}` : `version ${version} (${shares.join(', ')})`;
}

/**
 * Points the alias back at the version it served before the rollback, with the weighted routing
 * it had then: an interrupted canary or linear shift resumes where it stood, but nothing drives
 * it on (the deployment tool that ran it may have given up since), so the summary says so.
 */
export const undoRollbackLambdaAlias: Undo<'lambda'> = {
  async plan(action, ctx): Promise<Plan> {
    expectRemediation(action, ID);
    const functionName = recordedString(action, 'params', 'functionName');
    const alias = recordedString(action, 'params', 'alias');
    const previousVersion = recordedString(action, 'before', 'aliasVersion');
    const previousWeights = asWeights(action.before[WEIGHTS]);
    if (previousWeights === undefined) {
      throw new AppliedActionError(action, `before.${WEIGHTS}`, 'an object of version weights', action.before[WEIGHTS]);
    }
    const leftVersion = recordedString(action, 'after', 'aliasVersion');

    const res = await awsCall(
      ctx.calls,
      'lambda',
      'GetAlias',
      () => lambdaClient.send(new GetAliasCommand({ FunctionName: functionName, Name: alias })),
      { mutating: false },
    );
    const currentVersion = res.FunctionVersion ?? '';
    const currentWeights = res.RoutingConfig?.AdditionalVersionWeights ?? {};
    const before: State = { aliasVersion: currentVersion, [WEIGHTS]: currentWeights };
    const what = `alias ${action.resource}`;
    const was = serving(previousVersion, previousWeights);
    if (currentVersion === previousVersion && sameWeights(currentWeights, previousWeights)) {
      return undoNoOp(action, before, alreadyRestored(what, was));
    }
    // The rollback left the alias on one version with no weighted routing.
    if (currentVersion !== leftVersion || Object.keys(currentWeights).length > 0) {
      return undoNoOp(action, before, movedOn(what, serving(currentVersion || 'none', currentWeights), `version ${leftVersion}`, was));
    }

    const resumes = Object.keys(previousWeights).length > 0 ? ': the weighted shift resumes where it stood, with nothing driving it on' : '';
    return {
      kind: 'change',
      remediation: ID,
      resource: action.resource,
      summary:
        leftVersion === previousVersion
          ? `undo: restore the weighted routing of alias ${action.resource}, serving ${was}${resumes}`
          : `undo: point alias ${action.resource} back from version ${leftVersion} to ${was}${resumes}`,
      before,
      after: { aliasVersion: previousVersion, [WEIGHTS]: previousWeights },
      params: { functionName, alias, functionVersion: previousVersion, [WEIGHTS]: previousWeights },
    };
  },

  async apply(plan, ctx) {
    const functionName = stringParam(plan, 'functionName');
    const alias = stringParam(plan, 'alias');
    const functionVersion = stringParam(plan, 'functionVersion');
    const weights = asWeights(plan.params[WEIGHTS]);
    if (weights === undefined) throw new PlanParamsError(plan, WEIGHTS, 'an object of version weights');
    const res = await awsCall(
      ctx.calls,
      'lambda',
      'UpdateAlias',
      () =>
        lambdaClient.send(
          new UpdateAliasCommand({
            FunctionName: functionName,
            Name: alias,
            FunctionVersion: functionVersion,
            // Always sent, empty included: leaving it out would keep whatever routing the alias has now.
            RoutingConfig: { AdditionalVersionWeights: { ...weights } },
          }),
        ),
      // Absolute: the same version and weights again change nothing.
      { mutating: true, idempotent: true },
    );
    const aliasVersion = res.FunctionVersion ?? functionVersion;
    const after = { aliasVersion, [WEIGHTS]: res.RoutingConfig?.AdditionalVersionWeights ?? { ...weights } };
    return { after, summary: `alias ${functionName}:${alias} now serves ${serving(aliasVersion, after[WEIGHTS])}` };
  },
};
