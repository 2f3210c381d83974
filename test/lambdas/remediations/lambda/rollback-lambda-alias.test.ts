import { GetAliasCommand, LambdaClient, ListVersionsByFunctionCommand, UpdateAliasCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { rollbackLambdaAlias } from '../../../../lambdas/remediations/lambda/rollback-lambda-alias';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { awsError, context, expectChange, expectNoOp, lambdaTarget, NOW } from '../fixtures';
import { applyChange } from '../apply-within-applies';

const lambdaMock = mockClient(LambdaClient);

/** Lambda's own time format, `minutesAgo` before the tests' NOW. */
function lambdaTime(minutesAgo: number): string {
  return new Date(NOW.getTime() - minutesAgo * 60_000).toISOString().replace('Z', '+0000');
}

const DAY = 24 * 60; // in minutes, like every age here
const version = (v: string, minutesAgo: number) => ({ FunctionName: 'rung-api-prod', Version: v, LastModified: lambdaTime(minutesAgo) });

/** rung-api-prod: $LATEST and versions 1-3; version 3 published 20 minutes ago. */
function givenVersions(versions = [version('$LATEST', 5), version('1', 30 * DAY), version('2', 10 * DAY), version('3', 20)]) {
  lambdaMock.on(ListVersionsByFunctionCommand).resolves({ Versions: versions });
}

function givenAlias(functionVersion: string, weights?: Record<string, number>) {
  const routing = weights === undefined ? {} : { RoutingConfig: { AdditionalVersionWeights: weights } };
  lambdaMock.on(GetAliasCommand).resolves({ Name: 'prod', FunctionVersion: functionVersion, ...routing });
}

beforeAll(() => {
  retryPolicy.baseDelayMs = 0;
});

beforeEach(() => {
  lambdaMock.reset();
});

describe('rollback-lambda-alias plan', () => {
  it('points the alias back at the previous version when it moved within the window', async () => {
    givenAlias('3');
    givenVersions();
    const ctx = context(lambdaTarget());

    const plan = expectChange(await rollbackLambdaAlias.plan(ctx));

    expect(plan.resource).toBe('rung-api-prod:prod');
    expect(plan.summary).toBe('roll alias rung-api-prod:prod back from version 3 (published 20 minutes ago) to version 2');
    expect(plan.before).toEqual({ aliasVersion: '3', additionalVersionWeights: {} });
    expect(plan.after).toEqual({ aliasVersion: '2' });
    expect(plan.params).toEqual({ functionName: 'rung-api-prod', alias: 'prod', functionVersion: '2' });
    expect(lambdaMock).toHaveReceivedCommandWith(GetAliasCommand, { FunctionName: 'rung-api-prod', Name: 'prod' });
  });

  it('makes only read calls', async () => {
    givenAlias('3');
    givenVersions();
    const ctx = context(lambdaTarget());

    await rollbackLambdaAlias.plan(ctx);

    expect(lambdaMock).not.toHaveReceivedCommand(UpdateAliasCommand);
    expect(ctx.calls.map((c) => c.operation)).toEqual(['GetAlias', 'ListVersionsByFunction']);
    expect(ctx.calls.every((c) => !c.mutating)).toBe(true);
  });

  it('follows the version list across pages', async () => {
    givenAlias('3');
    lambdaMock
      .on(ListVersionsByFunctionCommand)
      .resolvesOnce({ Versions: [version('$LATEST', 5), version('1', 30 * DAY), version('2', 10 * DAY)], NextMarker: 'page-2' })
      .resolvesOnce({ Versions: [version('3', 20)] });
    const ctx = context(lambdaTarget());

    const plan = expectChange(await rollbackLambdaAlias.plan(ctx));

    expect(plan.params).toMatchObject({ functionVersion: '2' });
    const inputs = lambdaMock.commandCalls(ListVersionsByFunctionCommand).map((c) => c.args[0].input);
    expect(inputs).toEqual([{ FunctionName: 'rung-api-prod', Marker: undefined }, { FunctionName: 'rung-api-prod', Marker: 'page-2' }]);
  });

  it('skips deleted versions: the previous one is the highest lower number', async () => {
    givenAlias('5');
    givenVersions([version('1', 30 * DAY), version('2', 10 * DAY), version('5', 15)]);

    const plan = expectChange(await rollbackLambdaAlias.plan(context(lambdaTarget())));

    expect(plan.params).toMatchObject({ functionVersion: '2' });
  });

  it('is not applicable when the version was published before the window, so the next candidate is tried', async () => {
    givenAlias('3');
    givenVersions([version('2', 10 * DAY), version('3', 120)]);

    const plan = expectNoOp(await rollbackLambdaAlias.plan(context(lambdaTarget())));

    expect(plan.notApplicable).toBe(true);
    const outside = 'outside the 60-minute rollback window: the alias has not moved recently';
    expect(plan.reason).toBe(`alias rung-api-prod:prod serves version 3, published 120 minutes ago, ${outside}`);
  });

  it('counts a version published exactly at the window edge as within it, and one second more as outside', async () => {
    givenAlias('3');
    givenVersions([version('2', 10 * DAY), version('3', 60)]);
    expect(expectChange(await rollbackLambdaAlias.plan(context(lambdaTarget()))).params).toMatchObject({ functionVersion: '2' });

    givenVersions([version('2', 10 * DAY), version('3', 60 + 1 / 60)]);
    expect(expectNoOp(await rollbackLambdaAlias.plan(context(lambdaTarget()))).notApplicable).toBe(true);
  });

  it('uses the configured rollback window', async () => {
    givenAlias('3');
    givenVersions([version('2', 10 * DAY), version('3', 120)]);

    const plan = await rollbackLambdaAlias.plan(context(lambdaTarget({ caps: { rollbackWindowMinutes: 180 } })));

    expect(expectChange(plan).params).toMatchObject({ functionVersion: '2' });
  });

  it('rolls a weighted shift back to the version it shifts from, clearing the weights', async () => {
    // A canary: the alias's main version is 2 and 10 % goes to the new version 3.
    givenAlias('2', { '3': 0.1 });
    givenVersions();

    const plan = expectChange(await rollbackLambdaAlias.plan(context(lambdaTarget())));

    expect(plan.params).toMatchObject({ functionVersion: '2' });
    expect(plan.before).toEqual({ aliasVersion: '2', additionalVersionWeights: { '3': 0.1 } });
    expect(plan.summary).toBe('roll alias rung-api-prod:prod back from version 3 (published 20 minutes ago) to version 2, and stop the weighted traffic shift');
  });

  it('plans nothing, and calls nothing, without an alias', async () => {
    const ctx = context(lambdaTarget({ props: { alias: undefined } }));

    const plan = expectNoOp(await rollbackLambdaAlias.plan(ctx));

    expect(plan).toMatchObject({ resource: 'rung-api-prod', notApplicable: true });
    expect(plan.reason).toBe('rung-api-prod has no alias configured: there is no alias to roll back');
    expect(ctx.calls).toEqual([]);
  });

  it('is not applicable when the alias points at $LATEST', async () => {
    givenAlias('$LATEST');
    givenVersions();

    const plan = expectNoOp(await rollbackLambdaAlias.plan(context(lambdaTarget())));

    expect(plan.notApplicable).toBe(true);
    expect(plan.reason).toContain('points at $LATEST, not a published version');
    expect(lambdaMock).not.toHaveReceivedCommand(ListVersionsByFunctionCommand);
  });

  it('is not applicable when the served version is missing from the version list', async () => {
    givenAlias('4');
    givenVersions();

    const plan = expectNoOp(await rollbackLambdaAlias.plan(context(lambdaTarget())));

    expect(plan.notApplicable).toBe(true);
    expect(plan.reason).toContain('gives no publication time for it');
  });

  it('plans nothing when the alias moved to the first version there is', async () => {
    givenAlias('1');
    givenVersions([version('$LATEST', 1), version('1', 10)]);

    const plan = expectNoOp(await rollbackLambdaAlias.plan(context(lambdaTarget())));

    expect(plan.notApplicable).toBeUndefined();
    expect(plan.reason).toBe('alias rung-api-prod:prod moved to version 1 10 minutes ago, but no earlier published version exists to roll back to');
  });
});

describe('rollback-lambda-alias apply', () => {
  it('points the alias at the planned version and clears weighted routing', async () => {
    givenAlias('3');
    givenVersions();
    lambdaMock.on(UpdateAliasCommand).resolves({ Name: 'prod', FunctionVersion: '2' });
    const ctx = context(lambdaTarget());
    const plan = expectChange(await rollbackLambdaAlias.plan(ctx));

    const result = await applyChange(rollbackLambdaAlias, plan, ctx);

    expect(lambdaMock).toHaveReceivedCommandTimes(UpdateAliasCommand, 1);
    const update = { FunctionName: 'rung-api-prod', Name: 'prod', FunctionVersion: '2', RoutingConfig: { AdditionalVersionWeights: {} } };
    expect(lambdaMock.commandCalls(UpdateAliasCommand)[0]?.args[0].input).toEqual(update);
    expect(result.after).toEqual({ aliasVersion: '2' });
    expect(ctx.calls.at(-1)).toEqual({ service: 'lambda', operation: 'UpdateAlias', mutating: true, ok: true, attempts: 1 });
  });

  it('fails when access is denied, and records the failed call', async () => {
    givenAlias('3');
    givenVersions();
    lambdaMock.on(UpdateAliasCommand).rejects(awsError('AccessDeniedException', 'not authorized'));
    const ctx = context(lambdaTarget());
    const plan = expectChange(await rollbackLambdaAlias.plan(ctx));

    await expect(applyChange(rollbackLambdaAlias, plan, ctx)).rejects.toThrow('not authorized');

    expect(lambdaMock).toHaveReceivedCommandTimes(UpdateAliasCommand, 1);
    expect(ctx.calls.at(-1)).toMatchObject({ operation: 'UpdateAlias', mutating: true, ok: false, error: 'AccessDeniedException: not authorized' });
  });
});
