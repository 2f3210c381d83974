import { ListVersionsByFunctionCommand } from '@aws-sdk/client-lambda';
import { object, str } from '../../core/params';
import type { AwsCallRecord } from '../../core/record';
import { defineRemediation, type Plan } from '../../core/remediation';
import type { State } from '../../core/state';
import { awsCall } from '../../runtime/aws-call';
import { lambdaClient } from '../../runtime/clients/lambda';
import { readAlias, routeAlias } from './lambda-setting';
import { undoRollbackLambdaAlias } from './rollback-lambda-alias-undo';

const ID = 'rollback-lambda-alias';
const NUMERIC_VERSION = /^[0-9]+$/;

/** Lambda writes times as `2024-05-01T12:00:00.000+0000`; the offset needs a colon to be ISO 8601. */
function parseLambdaTime(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Every published version of the function with the time it was published (`$LATEST` left out). */
async function listPublishedVersions(calls: AwsCallRecord[], functionName: string): Promise<Map<number, Date | undefined>> {
  const versions = new Map<number, Date | undefined>();
  let marker: string | undefined;
  do {
    const page = await awsCall(
      calls,
      'lambda',
      'ListVersionsByFunction',
      () => lambdaClient().send(new ListVersionsByFunctionCommand({ FunctionName: functionName, Marker: marker })),
      { mutating: false },
    );
    for (const v of page.Versions ?? []) {
      if (v.Version === undefined || !NUMERIC_VERSION.test(v.Version)) continue;
      versions.set(Number(v.Version), parseLambdaTime(v.LastModified));
    }
    marker = page.NextMarker === '' ? undefined : page.NextMarker;
  } while (marker !== undefined);
  return versions;
}

/**
 * Points the alias back at the version it served before its latest move, when that move happened
 * within the rollback window. Guarded: the guard runs elsewhere; this plan only plans.
 */
export const rollbackLambdaAlias = defineRemediation({
  id: ID,
  targetType: 'lambda',
  params: object({ functionName: str(), alias: str(), functionVersion: str() }),
  undo: undoRollbackLambdaAlias,

  async plan(ctx) {
    const { name, alias } = ctx.target.props;
    if (alias === undefined) {
      return {
        kind: 'no-op',
        remediation: ID,
        resource: name,
        before: {},
        reason: `${name} has no alias configured: there is no alias to roll back`,
        notApplicable: true,
      };
    }
    const resource = `${name}:${alias}`;
    const noOp = (reason: string, before: State, notApplicable: boolean): Plan<never> =>
      notApplicable
        ? { kind: 'no-op', remediation: ID, resource, reason, before, notApplicable }
        : { kind: 'no-op', remediation: ID, resource, reason, before };

    const aliasConfig = await readAlias(ctx.calls, name, alias);
    const aliasVersion = aliasConfig.FunctionVersion ?? '';
    const weights = aliasConfig.RoutingConfig?.AdditionalVersionWeights ?? {};
    const before: State = { aliasVersion, additionalVersionWeights: weights };
    if (!NUMERIC_VERSION.test(aliasVersion)) {
      const points = aliasVersion || 'no version';
      return noOp(`alias ${resource} points at ${points}, not a published version: there is no version history to roll back along`, before, true);
    }

    // During a weighted (canary or linear) shift the alias serves two versions; the newer one is
    // what moved, and the one it shifts from is the way back.
    const served = [aliasVersion, ...Object.keys(weights)].filter((v) => NUMERIC_VERSION.test(v)).map(Number);
    const newest = Math.max(...served);
    const versions = await listPublishedVersions(ctx.calls, name);
    const publishedAt = versions.get(newest);
    if (publishedAt === undefined) {
      const why = 'ListVersionsByFunction gives no publication time for it: whether the alias moved recently cannot be told';
      return noOp(`alias ${resource} serves version ${newest}, but ${why}`, before, true);
    }

    // Evidence that the alias moved: GetAlias reports no modification time, and CloudTrail lags by
    // minutes exactly when a fresh deployment matters. A published version is immutable, so its
    // LastModified is when it was published, and an alias cannot point at a version before it
    // exists: a version published within the window proves the alias moved within the window.
    // (An alias moved to an old version reads as "not moved": the error is towards not acting.)
    const windowMinutes = ctx.target.caps.rollbackWindowMinutes;
    const ageMs = ctx.now().getTime() - publishedAt.getTime();
    const ageMinutes = Math.floor(ageMs / 60_000);
    if (ageMs > windowMinutes * 60_000) {
      const outside = `outside the ${windowMinutes}-minute rollback window: the alias has not moved recently`;
      return noOp(`alias ${resource} serves version ${newest}, published ${ageMinutes} minutes ago, ${outside}`, before, true);
    }

    const older = (candidates: Iterable<number>) => [...candidates].filter((v) => v < newest).sort((a, b) => b - a)[0];
    const previous = older(served) ?? older(versions.keys());
    if (previous === undefined) {
      const moved = `alias ${resource} moved to version ${newest} ${ageMinutes} minutes ago`;
      return noOp(`${moved}, but no earlier published version exists to roll back to`, before, false);
    }

    const shifting = Object.keys(weights).length > 0 ? ', and stop the weighted traffic shift' : '';
    return {
      kind: 'change',
      remediation: ID,
      resource,
      summary: `roll alias ${resource} back from version ${newest} (published ${ageMinutes} minutes ago) to version ${previous}${shifting}`,
      before,
      after: { aliasVersion: String(previous) },
      params: { functionName: name, alias, functionVersion: String(previous) },
    };
  },

  async apply({ functionName, alias, functionVersion }, ctx) {
    // Empty weights clear any canary or linear shift, so all traffic goes to the version.
    const res = await routeAlias(ctx.calls, functionName, alias, functionVersion, {});
    const aliasVersion = res.FunctionVersion ?? functionVersion;
    return { after: { aliasVersion }, summary: `alias ${functionName}:${alias} now points at version ${aliasVersion}` };
  },
});
