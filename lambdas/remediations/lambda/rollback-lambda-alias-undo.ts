import { num, object, record, str } from '../../core/params';
import type { State } from '../../core/state';
import { defineUndo } from '../../core/undo';
import { alreadyRestored, movedOn, undoNoOp } from '../common/undo-reasons';
import { readAlias, routeAlias } from './lambda-setting';

const ID = 'rollback-lambda-alias';

type Weights = Readonly<Record<string, number>>;

/** Routing weights (version → share of traffic), as recorded and as UpdateAlias takes them. */
const weightsSchema = record(num(), 'an object of version weights');

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
export const undoRollbackLambdaAlias = defineUndo('lambda', {
  recorded: object({
    params: object({ functionName: str(), alias: str() }),
    before: object({ aliasVersion: str(), additionalVersionWeights: weightsSchema }),
    after: object({ aliasVersion: str() }),
  }),
  params: object({ functionName: str(), alias: str(), functionVersion: str(), additionalVersionWeights: weightsSchema }),

  async plan({ params: { functionName, alias }, before, after: { aliasVersion: leftVersion } }, action, ctx) {
    const { aliasVersion: previousVersion, additionalVersionWeights: previousWeights } = before;

    const res = await readAlias(ctx.calls, functionName, alias);
    const currentVersion = res.FunctionVersion ?? '';
    const currentWeights = res.RoutingConfig?.AdditionalVersionWeights ?? {};
    const now: State = { aliasVersion: currentVersion, additionalVersionWeights: currentWeights };
    const what = `alias ${action.resource}`;
    const was = serving(previousVersion, previousWeights);
    if (currentVersion === previousVersion && sameWeights(currentWeights, previousWeights)) {
      return undoNoOp(action, now, alreadyRestored(what, was));
    }
    // The rollback left the alias on one version with no weighted routing.
    if (currentVersion !== leftVersion || Object.keys(currentWeights).length > 0) {
      return undoNoOp(action, now, movedOn(what, serving(currentVersion || 'none', currentWeights), `version ${leftVersion}`, was));
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
      before: now,
      after: { aliasVersion: previousVersion, additionalVersionWeights: previousWeights },
      params: { functionName, alias, functionVersion: previousVersion, additionalVersionWeights: previousWeights },
    };
  },

  async apply({ functionName, alias, functionVersion, additionalVersionWeights: weights }, ctx) {
    const res = await routeAlias(ctx.calls, functionName, alias, functionVersion, weights);
    const aliasVersion = res.FunctionVersion ?? functionVersion;
    const after = { aliasVersion, additionalVersionWeights: res.RoutingConfig?.AdditionalVersionWeights ?? { ...weights } };
    return { after, summary: `alias ${functionName}:${alias} now serves ${serving(aliasVersion, after.additionalVersionWeights)}` };
  },
});
