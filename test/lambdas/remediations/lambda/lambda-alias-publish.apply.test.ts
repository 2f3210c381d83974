import {
  LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { updatePollPolicy } from '../../../../lambdas/remediations/lambda/lambda-alias-publish';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { ALIAS_CASES, ALIAS_REVISION, functionConfig, givenAlias, givenConfigs, RELEASED_CODE } from './double-lambda-alias-fixtures';
import { awsError, context, expectChange, lambdaTarget } from '../fixtures';
import { inputsOf } from '../applied';
import { applyChange } from '../apply-within-applies';

const lambdaMock = mockClient(LambdaClient);
const ctx = () => context(lambdaTarget());

beforeAll(() => {
  retryPolicy.baseDelayMs = 0;
  updatePollPolicy.intervalMs = 0;
});

beforeEach(() => {
  lambdaMock.reset();
});

describe.each(ALIAS_CASES)('$remediation.id apply through alias prod on a published version', (c) => {
  const [served, doubled] = c.values;
  const config = (value: number, more = {}) => functionConfig({ [c.field]: value, ...more });

  it('applies: updates $LATEST, waits, publishes the checked code and moves the alias', async () => {
    givenAlias(lambdaMock);
    givenConfigs(
      lambdaMock,
      config(served),
      config(served, { RevisionId: 'latest-revision-1' }),
      config(doubled, { LastUpdateStatus: 'InProgress', RevisionId: 'latest-revision-2' }),
      config(doubled, { RevisionId: 'latest-revision-3' }),
    );
    lambdaMock.on(UpdateFunctionConfigurationCommand).resolves(config(doubled, { LastUpdateStatus: 'InProgress' }));
    lambdaMock.on(PublishVersionCommand).resolves(config(doubled, { Version: '8' }));
    lambdaMock.on(UpdateAliasCommand).resolves({ Name: 'prod', FunctionVersion: '8' });
    const context = ctx();
    const plan = expectChange(await c.remediation.plan(context));

    const result = await applyChange(c.remediation, plan, context);

    expect(inputsOf(lambdaMock.commandCalls(UpdateFunctionConfigurationCommand))).toEqual([
      { FunctionName: 'rung-api-prod', [c.field]: doubled, RevisionId: 'latest-revision-1' },
    ]);
    expect(inputsOf(lambdaMock.commandCalls(PublishVersionCommand))).toEqual([
      {
        FunctionName: 'rung-api-prod',
        CodeSha256: RELEASED_CODE,
        RevisionId: 'latest-revision-3',
        Description: `alert-responder: ${c.label} ${doubled} ${c.unit} for alarm rung-high-latency-rung-api-prod, from version 7`,
      },
    ]);
    expect(inputsOf(lambdaMock.commandCalls(UpdateAliasCommand))).toEqual([
      { FunctionName: 'rung-api-prod', Name: 'prod', FunctionVersion: '8', RevisionId: ALIAS_REVISION },
    ]);
    expect(context.calls.map((call) => call.operation)).toEqual([
      'GetAlias', 'GetFunctionConfiguration', 'GetFunctionConfiguration', // plan
      'UpdateFunctionConfiguration', 'GetFunctionConfiguration', 'GetFunctionConfiguration', 'PublishVersion', 'UpdateAlias',
    ]);
    expect(result.after).toEqual({ [c.key]: doubled, aliasVersion: '8', previousVersion: '7' });
    expect(result.summary).toBe(`${c.label} of rung-api-prod:prod set to ${doubled} ${c.unit}: published version 8 (code of version 7) and moved the alias to it`);
  });

  it('fails when AWS refuses the publication because the code changed, leaving the alias', async () => {
    givenAlias(lambdaMock);
    givenConfigs(lambdaMock, config(served), config(served), config(doubled));
    lambdaMock.on(UpdateFunctionConfigurationCommand).resolves(config(doubled, { LastUpdateStatus: 'InProgress' }));
    lambdaMock.on(PublishVersionCommand).rejects(awsError('PreconditionFailedException', 'CodeSha256 does not match'));
    const context = ctx();
    const plan = expectChange(await c.remediation.plan(context));

    await expect(applyChange(c.remediation, plan, context)).rejects.toThrow('CodeSha256 does not match');

    expect(lambdaMock).toHaveReceivedCommandTimes(PublishVersionCommand, 1);
    expect(lambdaMock).not.toHaveReceivedCommand(UpdateAliasCommand);
    expect(context.calls.at(-1)).toMatchObject({ operation: 'PublishVersion', ok: false, error: 'PreconditionFailedException: CodeSha256 does not match' });
  });

  it('fails without publishing when the update of $LATEST fails', async () => {
    givenAlias(lambdaMock);
    givenConfigs(lambdaMock, config(served), config(served), config(served, { LastUpdateStatus: 'Failed', LastUpdateStatusReasonCode: 'SubnetOutOfIPAddresses' }));
    lambdaMock.on(UpdateFunctionConfigurationCommand).resolves(config(doubled, { LastUpdateStatus: 'InProgress' }));
    const context = ctx();
    const plan = expectChange(await c.remediation.plan(context));

    await expect(applyChange(c.remediation, plan, context)).rejects.toThrow(
      'the configuration update of rung-api-prod failed (SubnetOutOfIPAddresses): nothing was published and alias prod still serves version 7',
    );
    expect(lambdaMock).not.toHaveReceivedCommand(PublishVersionCommand);
  });

  it('fails without publishing when the update does not complete in time', async () => {
    givenAlias(lambdaMock);
    givenConfigs(lambdaMock, config(served), config(served), config(doubled, { LastUpdateStatus: 'InProgress' }));
    lambdaMock.on(UpdateFunctionConfigurationCommand).resolves(config(doubled, { LastUpdateStatus: 'InProgress' }));
    const context = ctx();
    const plan = expectChange(await c.remediation.plan(context));

    await expect(applyChange(c.remediation, plan, context)).rejects.toThrow(`did not complete within ${updatePollPolicy.maxPolls} polls`);
    expect(context.calls.filter((call) => call.operation === 'GetFunctionConfiguration')).toHaveLength(2 + updatePollPolicy.maxPolls);
    expect(lambdaMock).not.toHaveReceivedCommand(PublishVersionCommand);
  });
});
