import { GetFunctionConcurrencyCommand, LambdaClient, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { REMEDIATION_REGISTRY } from '../../../lambdas/remediations/registry';
import { retryPolicy } from '../../../lambdas/runtime/aws-call';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond } from '../../../lambdas/pipeline/respond';
import type { KillSwitchReading } from '../../../lambdas/core/mode';
import { ACCOUNT, settingsForAlarm } from '../../helpers/responder-settings';

const RECORD_ID = '3f2b8c1e-9a4d-4e6f-8b2a-1c0d9e8f7a6b';
const ALARM = 'ar-rung-lambda-throttles-rung-api-prod';
const lambdaMock = mockClient(LambdaClient);

/** A record as the lambda responder wrote it after raising rung-api-prod's reserved concurrency 10 → 20. */
const stored = (overrides: Record<string, unknown> = {}) => ({
  recordVersion: 1,
  recordType: 'notification',
  recordId: RECORD_ID,
  responder: { system: 'rung', family: 'lambda' },
  alarm: { name: ALARM, region: 'us-east-1', account: ACCOUNT },
  alertKind: 'lambda-throttles',
  decision: 'applied',
  actions: [
    {
      remediation: 'raise-reserved-concurrency',
      targetKey: 'rung-api-prod',
      resource: 'rung-api-prod',
      decision: 'applied',
      guarded: false,
      before: { reservedConcurrency: 10 },
      after: { reservedConcurrency: 20 },
      plan: { summary: 'raise', after: { reservedConcurrency: 20 }, params: { functionName: 'rung-api-prod', reservedConcurrency: 20 } },
    },
  ],
  ...overrides,
});

async function undo(payload: Record<string, unknown>, found: unknown, killSwitch?: KillSwitchReading) {
  const [outcome] = parseInvocation(payload);
  const searched: string[] = [];
  const record = await respond(outcome, {
    killSwitch,
    settings: settingsForAlarm(ALARM),
    remediations: REMEDIATION_REGISTRY,
    escalate: async () => Promise.reject(new Error('undo never escalates')),
    self: { account: ACCOUNT, region: 'us-east-1' },
    findRecord: async (id) => {
      searched.push(id);
      return found;
    },
  });
  return { record, searched };
}

beforeEach(() => {
  lambdaMock.reset();
  retryPolicy.baseDelayMs = 0;
});

describe('undo through a manual invocation', () => {
  it('restores the prior value of every applied action', async () => {
    lambdaMock.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 20 });
    lambdaMock.on(PutFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 10 });
    const { record, searched } = await undo({ undo: RECORD_ID, dryRun: false }, stored());
    expect(searched).toEqual([RECORD_ID]);
    expect(record).toMatchObject({ recordType: 'undo', source: 'manual', mode: 'enforce', decision: 'applied', reasonCode: 'undo' });
    expect(lambdaMock).toHaveReceivedCommandWith(PutFunctionConcurrencyCommand, { FunctionName: 'rung-api-prod', ReservedConcurrentExecutions: 10 });
  });

  it('in a dry run (the default) shows the restore and changes nothing', async () => {
    lambdaMock.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 20 });
    const { record } = await undo({ undo: RECORD_ID }, stored());
    expect(record).toMatchObject({ mode: 'dry-run', decision: 'planned' });
    expect(lambdaMock).not.toHaveReceivedCommand(PutFunctionConcurrencyCommand);
  });

  it('refuses when the value moved on since the action', async () => {
    lambdaMock.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 50 });
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, stored());
    expect(record.decision).toBe('skipped');
    expect(lambdaMock).not.toHaveReceivedCommand(PutFunctionConcurrencyCommand);
  });

  it.each([
    ['an id that is not a UUID', { undo: 'abc; rm -rf /' }, stored(), /not a record id/],
    ['a record that cannot be found', { undo: RECORD_ID }, undefined, /no record/],
    ['a record of another responder', { undo: RECORD_ID }, stored({ responder: { system: 'hlekkr', family: 'lambda' } }), /invoke that one/],
    ['a record that applied nothing', { undo: RECORD_ID }, stored({ actions: [] }), /applied nothing/],
    ['something that is not a record', { undo: RECORD_ID }, { hello: 'world' }, /not a notification record/],
  ])('refuses %s', async (_, payload, found, reason) => {
    const { record } = await undo(payload, found);
    expect(record).toMatchObject({ recordType: 'undo', decision: 'skipped' });
    expect(record.reason).toMatch(reason);
    expect(lambdaMock.commandCalls(PutFunctionConcurrencyCommand)).toHaveLength(0);
  });

  it('says so for an action that cannot be taken back', async () => {
    const reboot = stored({
      actions: [{ remediation: 'reboot-rds-instance', targetKey: 'rung-prod', resource: 'rung-prod', decision: 'applied', guarded: true, before: {}, after: {} }],
    });
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, reboot);
    expect(record.actions[0].reason).toMatch(/not reversible/);
  });
});

describe('undo under the kill switch, decided as for a response', () => {
  beforeEach(() => {
    lambdaMock.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 20 });
  });

  it('only plans when the switch says dry-run, and says why', async () => {
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, stored(), { state: 'dry-run', parameter: '/ar/mode' });

    expect(record).toMatchObject({ mode: 'dry-run', decision: 'planned', reason: expect.stringMatching(/\(kill switch \/ar\/mode is "dry-run"\)$/) });
    expect(record.actions[0]).toMatchObject({ decision: 'planned', reason: 'dry run: undo: lower reserved concurrency of rung-api-prod from 20 back to 10' });
    expect(lambdaMock).not.toHaveReceivedCommand(PutFunctionConcurrencyCommand);
  });

  it('plans but refuses to change anything when the switch is off', async () => {
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, stored(), { state: 'off', parameter: '/ar/mode' });

    expect(record).toMatchObject({ mode: 'enforce', decision: 'planned' });
    expect(record.actions[0]).toMatchObject({ decision: 'planned', reason: 'kill switch /ar/mode is "off": automatic actions are stopped; people decide' });
    expect(record.actions[0].plan).toMatchObject({ params: { functionName: 'rung-api-prod', reservedConcurrency: 10 } });
    expect(lambdaMock).not.toHaveReceivedCommand(PutFunctionConcurrencyCommand);
  });

  it('restores when the switch says enforce', async () => {
    lambdaMock.on(PutFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 10 });
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, stored(), { state: 'enforce', parameter: '/ar/mode' });

    expect(record).toMatchObject({ mode: 'enforce', decision: 'applied' });
    expect(lambdaMock).toHaveReceivedCommandWith(PutFunctionConcurrencyCommand, { FunctionName: 'rung-api-prod', ReservedConcurrentExecutions: 10 });
  });
});
