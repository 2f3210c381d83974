import { GetAccountSettingsCommand, GetFunctionConcurrencyCommand, LambdaClient, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import type { ChangePlan } from '../../../lambdas/core/remediation';
import { applyChange } from '../../../lambdas/core/run';
import { arnSettingsOf, ActionRoleArnError, scopedApplyOf, scopedApplyWith } from '../../../lambdas/pipeline/scoped-session';
import { responderClientsApply } from '../../../lambdas/pipeline/scoped-apply';
import { raiseReservedConcurrency } from '../../../lambdas/remediations/lambda/raise-reserved-concurrency';
import { lambdaClient } from '../../../lambdas/runtime/clients/lambda';
import { ScopedSessionError, SESSION_SECONDS, sessionNameOf } from '../../../lambdas/runtime/scoped-credentials';
import { context, expectChange, lambdaTarget } from '../remediations/fixtures';

const lambdaMock = mockClient(LambdaClient);
const stsMock = mockClient(STSClient);

const ROLE = 'arn:aws:iam::123456789012:role/alert-responder/ar/responders/rung-lambda-action';
const RECORD_ID = '3f2b8c1e-9d4a-4e6b-8f1a-2c5d7e9b0a14';
const APPROVER = 'arn:aws:sts::123456789012:assumed-role/OnCall/alice@example.com';
const SESSION = { AccessKeyId: 'ASIASCOPED', SecretAccessKey: 'scoped-secret', SessionToken: 'scoped-token', Expiration: new Date('2026-03-01T12:15:00Z') };

/** The credentials each PutFunctionConcurrency went out with, as its client resolved them. */
const sentWith: Array<{ accessKeyId: string; sessionToken?: string }> = [];

beforeEach(() => {
  lambdaMock.reset();
  stsMock.reset();
  sentWith.length = 0;
  lambdaMock.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 20 });
  lambdaMock.on(GetAccountSettingsCommand).resolves({ AccountLimit: { UnreservedConcurrentExecutions: 800 } });
  lambdaMock.on(PutFunctionConcurrencyCommand).callsFake(async (input: { ReservedConcurrentExecutions: number }, getClient) => {
    const credentials = await getClient().config.credentials();
    sentWith.push({ accessKeyId: credentials.accessKeyId, sessionToken: credentials.sessionToken });
    return { ReservedConcurrentExecutions: input.ReservedConcurrentExecutions };
  });
  stsMock.on(AssumeRoleCommand).resolves({ Credentials: SESSION });
});

async function approvedPlan(ctx = context(lambdaTarget({ props: { name: 'rung-api-prod', alias: undefined } }))): Promise<{ plan: ChangePlan; ctx: typeof ctx }> {
  return { plan: expectChange(await raiseReservedConcurrency.plan(ctx)), ctx };
}

/** Applies the approved plan as the approval entry does: the scoped apply around the remediation's apply. */
async function applyApproved(recordId = RECORD_ID) {
  const { plan, ctx } = await approvedPlan();
  const run = scopedApplyWith({ actionRoleArn: ROLE, region: 'us-east-1' });
  // Settled here, so a rejection is never left unhandled between this and the test's assertion.
  const outcome = await run({ plan, resource: ctx.target, recordId, approver: APPROVER, calls: ctx.calls }, () => applyChange(raiseReservedConcurrency, plan, ctx)).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  const result = 'value' in outcome ? Promise.resolve(outcome.value) : Promise.reject(outcome.error);
  return { result, ctx };
}

describe('the scoped apply of an approved plan', () => {
  it('assumes the action role with the plan\'s session policy, the record id as source identity and the shortest session', async () => {
    const { result, ctx } = await applyApproved();
    await result;

    expect(stsMock).toHaveReceivedCommandTimes(AssumeRoleCommand, 1);
    const input = stsMock.commandCalls(AssumeRoleCommand)[0]?.args[0].input;
    expect(input).toEqual({
      RoleArn: ROLE,
      RoleSessionName: 'approved-by-alice@example.com',
      SourceIdentity: RECORD_ID,
      DurationSeconds: SESSION_SECONDS,
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['lambda:PutFunctionConcurrency'], Resource: ['arn:aws:lambda:us-east-1:123456789012:function:rung-api-prod'] }],
      }),
    });
    expect(SESSION_SECONDS).toBe(900);
    expect(ctx.calls.map((c) => `${c.service}:${c.operation}`)).toEqual(['lambda:GetFunctionConcurrency', 'lambda:GetAccountSettings', 'sts:AssumeRole', 'lambda:PutFunctionConcurrency']);
  });

  it("sends the apply's calls with the assumed credentials, from a client of its own, not the shared one", async () => {
    const shared = lambdaClient();

    const { result: applying } = await applyApproved();
    const result = await applying;

    expect(result.after).toEqual({ reservedConcurrency: 30 });
    expect(sentWith).toEqual([{ accessKeyId: 'ASIASCOPED', sessionToken: 'scoped-token' }]);
    const putClient = lambdaMock.commandCalls(PutFunctionConcurrencyCommand)[0]?.thisValue;
    expect(putClient).not.toBe(shared);
    // After the scope the shared client is the one handed out again.
    expect(lambdaClient()).toBe(shared);
  });

  it('applies nothing when STS refuses the session', async () => {
    stsMock.on(AssumeRoleCommand).rejects(Object.assign(new Error('not authorized to perform sts:SetSourceIdentity'), { name: 'AccessDenied' }));
    const { result } = await applyApproved();

    await expect(result).rejects.toThrow('sts:SetSourceIdentity');
    expect(lambdaMock).not.toHaveReceivedCommand(PutFunctionConcurrencyCommand);
  });

  it('sends nothing for a record id STS would refuse as source identity', async () => {
    const { result } = await applyApproved('aws:forged');

    await expect(result).rejects.toThrow(ScopedSessionError);
    expect(stsMock).not.toHaveReceivedCommand(AssumeRoleCommand);
    expect(lambdaMock).not.toHaveReceivedCommand(PutFunctionConcurrencyCommand);
  });

  it('reads the account and partition from the action role, and refuses anything else', () => {
    expect(arnSettingsOf('arn:aws-us-gov:iam::210987654321:role/x/y', 'us-gov-west-1')).toEqual({ partition: 'aws-us-gov', account: '210987654321', region: 'us-gov-west-1' });
    expect(() => arnSettingsOf('arn:aws:sns:us-east-1:123456789012:topic', 'us-east-1')).toThrow(ActionRoleArnError);
  });

  it('uses the responder\'s own clients where the deployment gave it no action role (the CLI)', () => {
    expect(scopedApplyOf({ allowedRegions: ['us-east-1'] })).toBe(responderClientsApply);
    expect(scopedApplyOf({ actionRoleArn: ROLE, allowedRegions: ['us-east-1'] })).not.toBe(responderClientsApply);
  });

  it('names the session after the approver, within STS\'s alphabet', () => {
    expect(sessionNameOf('arn:aws:iam::123456789012:user/ops/bob smith')).toBe('approved-by-bob-smith');
    expect(sessionNameOf('x'.repeat(100))).toHaveLength(64);
  });
});
