import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { updatePollPolicy } from '../../../../lambdas/remediations/lambda/lambda-alias-publish';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { ALIAS_CASES, ALIAS_REVISION, expectNoLambdaChange, functionConfig, givenAlias, givenConfigs, RELEASED_CODE } from './double-lambda-alias-fixtures';
import { context, expectChange, expectNoOp, lambdaTarget } from '../fixtures';
import { inputsOf } from '../applied';

const lambdaMock = mockClient(LambdaClient);
const ctx = () => context(lambdaTarget());

beforeAll(() => {
  retryPolicy.baseDelayMs = 0;
  updatePollPolicy.intervalMs = 0;
});

beforeEach(() => {
  lambdaMock.reset();
});

function expectNothingChanged(calls: readonly { mutating: boolean }[]): void {
  expectNoLambdaChange(lambdaMock);
  expect(calls.filter((c) => c.mutating)).toEqual([]);
}

describe.each(ALIAS_CASES)('$remediation.id plan through alias prod on a published version', (c) => {
  const [served, doubled, other] = c.values;
  const config = (value: number, more = {}) => functionConfig({ [c.field]: value, ...more });

  it('plans from the served version, reading only', async () => {
    givenAlias(lambdaMock);
    // $LATEST's own value differs: the alias serves version 7's, so that is what is doubled.
    givenConfigs(lambdaMock, config(served), config(other, { RevisionId: 'latest-revision-1' }));
    const context = ctx();

    const plan = expectChange(await c.remediation.plan(context));

    expect(plan.resource).toBe('rung-api-prod:prod');
    expect(plan.summary).toBe(
      `raise ${c.label} of rung-api-prod:prod from ${served} to ${doubled} ${c.unit}: ` +
        'set it on $LATEST, publish a version of the same code as version 7, and move alias prod to it',
    );
    expect(plan.before).toEqual({
      [c.key]: served, aliasVersion: '7', codeSha256: RELEASED_CODE, [c.latestKey]: other, latestCodeSha256: RELEASED_CODE,
      state: 'Active', lastUpdateStatus: 'Successful',
    });
    expect(plan.params).toEqual({
      functionName: 'rung-api-prod', alias: 'prod', servedVersion: '7', codeSha256: RELEASED_CODE, [c.key]: doubled,
      latestRevisionId: 'latest-revision-1', aliasRevisionId: ALIAS_REVISION,
    });
    expect(inputsOf(lambdaMock.commandCalls(GetAliasCommand))).toEqual([{ FunctionName: 'rung-api-prod', Name: 'prod' }]);
    expect(inputsOf(lambdaMock.commandCalls(GetFunctionConfigurationCommand))).toEqual([
      { FunctionName: 'rung-api-prod', Qualifier: 'prod' },
      { FunctionName: 'rung-api-prod' },
    ]);
    expectNothingChanged(context.calls);
  });

  it('plans nothing when the alias moved between GetAlias and the read through it, and changes nothing', async () => {
    givenAlias(lambdaMock);
    // GetAlias said version 7; the read through the alias a moment later reports version 8.
    givenConfigs(lambdaMock, config(served, { Version: '8' }), config(other));
    const context = ctx();

    const plan = expectNoOp(await c.remediation.plan(context));

    expect(plan.reason).toBe(`alias rung-api-prod:prod moved from version 7 to 8 while it was read: its ${c.label} is left alone`);
    // Never read by version number: the responder's IAM names the alias, not versions.
    expect(inputsOf(lambdaMock.commandCalls(GetFunctionConfigurationCommand))).toEqual([{ FunctionName: 'rung-api-prod', Qualifier: 'prod' }]);
    expectNothingChanged(context.calls);
  });

  it('plans nothing when $LATEST holds unreleased code, naming it, and changes nothing', async () => {
    givenAlias(lambdaMock);
    givenConfigs(lambdaMock, config(served), config(served, { CodeSha256: 'unreleased-sha256=' }));
    const context = ctx();

    const plan = expectNoOp(await c.remediation.plan(context));

    expect(plan.notApplicable).toBeUndefined();
    expect(plan.reason).toBe(
      '$LATEST of rung-api-prod holds unreleased code (CodeSha256 unreleased-sha256=, while alias prod serves version 7, released-code-sha256=): ' +
        `raising the ${c.label} through the alias means publishing $LATEST, which could ship that unreleased code to the alias's traffic, ` +
        `so the ${c.label} of alias rung-api-prod:prod is left alone for people to decide`,
    );
    expectNothingChanged(context.calls);
  });

  it('plans nothing when $LATEST holds unreleased configuration', async () => {
    givenAlias(lambdaMock);
    givenConfigs(lambdaMock, config(served), config(served, { Handler: 'next.handler', Environment: { Variables: { STAGE: 'prod', TABLE: 'rung-v2' } } }));
    const context = ctx();

    const plan = expectNoOp(await c.remediation.plan(context));

    expect(plan.reason).toContain('$LATEST of rung-api-prod holds unreleased configuration (handler, environment variables differ from version 7');
    expectNothingChanged(context.calls);
  });

  it('does not mistake the order of environment variables for a change', async () => {
    givenAlias(lambdaMock);
    givenConfigs(lambdaMock, config(served), config(served, { Environment: { Variables: { TABLE: 'rung', STAGE: 'prod' } } }));

    expectChange(await c.remediation.plan(ctx()));
  });

  it('plans nothing during a canary, reading only the alias', async () => {
    givenAlias(lambdaMock, { RoutingConfig: { AdditionalVersionWeights: { '8': 0.1 } } });
    const context = ctx();

    const plan = expectNoOp(await c.remediation.plan(context));

    expect(plan.reason).toBe(
      'alias rung-api-prod:prod shifts traffic from version 7 to version 8; a canary or linear deployment is in progress: ' +
        `publishing a version and moving the alias would cut it short, so its ${c.label} is left alone`,
    );
    expect(context.calls.map((call) => call.operation)).toEqual(['GetAlias']);
    expectNothingChanged(context.calls);
  });

  it('plans nothing while an update of $LATEST is in progress', async () => {
    givenAlias(lambdaMock);
    givenConfigs(lambdaMock, config(served), config(served, { LastUpdateStatus: 'InProgress' }));

    const plan = expectNoOp(await c.remediation.plan(ctx()));

    expect(plan.reason).toContain('an update of rung-api-prod ($LATEST) is in progress');
  });

  it('keeps the unqualified path when the alias points at $LATEST', async () => {
    givenAlias(lambdaMock, { FunctionVersion: '$LATEST' });
    givenConfigs(lambdaMock, config(other), config(served));

    const plan = expectChange(await c.remediation.plan(ctx()));

    expect(plan.resource).toBe('rung-api-prod');
    expect(plan.params).toEqual({ functionName: 'rung-api-prod', [c.key]: doubled });
  });
});
