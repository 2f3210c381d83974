import { GetFunctionConcurrencyCommand, LambdaClient, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import type { KillSwitchReading } from '../../../lambdas/core/mode';
import type { AppliedItems, AppliedRecord } from '../../../lambdas/guardrails/applied-items';
import type { Guard, GuardInput } from '../../../lambdas/guardrails/guard';
import { REMEDIATION_REGISTRY } from '../../../lambdas/remediations/registry';
import { retryPolicy } from '../../../lambdas/runtime/aws-call';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond, type RespondDeps } from '../../../lambdas/pipeline/respond';
import { ACCOUNT, planOf, settingsForAlarm } from '../../helpers/responder-settings';

const RECORD_ID = '3f2b8c1e-9a4d-4e6f-8b2a-1c0d9e8f7a6b';
const ALARM = 'ar-rung-lambda-throttles-rung-api-prod';
const lambdaMock = mockClient(LambdaClient);

/** What the lambda responder wrote to the state table after raising rung-api-prod's reserved concurrency 10 → 20. */
const stored = (overrides: Partial<AppliedRecord> = {}, before = 10): AppliedRecord => ({
  recordId: RECORD_ID,
  system: 'rung',
  family: 'lambda',
  status: 'applied',
  appliedAt: '2026-11-23T03:13:00.000Z',
  alarm: { name: ALARM, region: 'us-east-1', account: ACCOUNT },
  alertKind: 'lambda-throttles',
  actions: [
    {
      targetKey: 'rung-api-prod',
      action: { remediation: 'raise-reserved-concurrency', resource: 'rung-api-prod', before: { reservedConcurrency: before }, after: { reservedConcurrency: 20 }, params: { functionName: 'rung-api-prod', reservedConcurrency: 20 } },
    },
  ],
  ...overrides,
});

/** The state table as undo reads it: what was stored, or a failure. */
const table = (found: AppliedRecord | undefined | Error): AppliedItems & { reads: string[] } => {
  const reads: string[] = [];
  return { reads, write: async () => undefined, read: async (id) => (reads.push(id), found instanceof Error ? Promise.reject(found) : found) };
};

async function undo(payload: Record<string, unknown>, found: AppliedRecord | undefined | Error, extra: Partial<RespondDeps> & { killSwitch?: KillSwitchReading } = {}) {
  const [outcome] = parseInvocation(payload);
  const applied = table(found);
  const record = await respond(outcome, {
    settings: settingsForAlarm(ALARM),
    remediations: REMEDIATION_REGISTRY,
    escalate: async () => Promise.reject(new Error('undo never escalates')),
    self: { account: ACCOUNT, region: 'us-east-1' },
    applied,
    ...extra,
  });
  return { record, reads: applied.reads };
}

beforeEach(() => {
  lambdaMock.reset();
  retryPolicy.baseDelayMs = 0;
});

describe('undo through a manual invocation', () => {
  it('restores the prior value of every applied action, read from the state table', async () => {
    lambdaMock.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 20 });
    lambdaMock.on(PutFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 10 });
    const { record, reads } = await undo({ undo: RECORD_ID, dryRun: false }, stored());
    expect(reads).toEqual([RECORD_ID]);
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
    ['a record the state table does not hold', { undo: RECORD_ID }, undefined, /no applied action .* in the state table/],
    ['a record of another responder', { undo: RECORD_ID }, stored({ system: 'hlekkr' }), /invoke that one/],
    ['a record whose apply failed', { undo: RECORD_ID }, stored({ status: 'failed', actions: [] }), /applied nothing/],
  ])('refuses %s', async (_, payload, found, reason) => {
    const { record } = await undo(payload, found);
    expect(record).toMatchObject({ recordType: 'undo', decision: 'skipped' });
    expect(record.reason).toMatch(reason);
    expect(lambdaMock.commandCalls(PutFunctionConcurrencyCommand)).toHaveLength(0);
  });

  it('records state-unavailable when the state table cannot be read, and changes nothing', async () => {
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, new Error('ServiceUnavailable'));
    expect(record).toMatchObject({ decision: 'failed', reasonCode: 'state-unavailable' });
  });

  it('says so for an action that cannot be taken back', async () => {
    const reboot = stored({ actions: [{ targetKey: 'rung-prod', action: { remediation: 'reboot-rds-instance', resource: 'rung-prod', before: {}, after: {}, params: {} } }] });
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, reboot);
    expect(record.actions[0].reason).toMatch(/not reversible/);
  });
});

describe('undo acts only on a configured target, within caps (item 2)', () => {
  beforeEach(() => {
    lambdaMock.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 20 });
  });

  it('refuses a target this responder is not configured for', async () => {
    const elsewhere = stored({ actions: [{ ...stored().actions[0], targetKey: 'not-configured' }] });
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, elsewhere);
    expect(record.actions[0]).toMatchObject({ decision: 'skipped', reason: 'resource "not-configured" is not configured for this responder' });
    expect(lambdaMock).not.toHaveReceivedCommand(GetFunctionConcurrencyCommand);
  });

  it('refuses to restore a value over the target\'s cap (rung-api-prod: maxReservedConcurrency 200)', async () => {
    lambdaMock.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 20 });
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, stored({}, 500));
    expect(record.actions[0]).toMatchObject({ decision: 'skipped', reason: 'undo refused: reservedConcurrency 500 is over the cap maxReservedConcurrency 200' });
    expect(lambdaMock).not.toHaveReceivedCommand(PutFunctionConcurrencyCommand);
  });
});

describe('undo and the autonomy ladder', () => {
  beforeEach(() => {
    lambdaMock.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 20 });
    lambdaMock.on(PutFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 10 });
  });

  const withLevel = (level: 'observe' | 'propose' | 'auto') =>
    settingsForAlarm(ALARM, planOf({ prefix: 'ar', systems: [{ id: 'rung', resources: { lambda: [{ name: 'rung-api-prod', alias: 'prod', autonomy: { remediations: { 'raise-reserved-concurrency': level } } }] } }] }));

  it('is held back where the remediation is observed: the responder changes nothing there', async () => {
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, stored(), { settings: withLevel('observe') });
    expect(record.actions[0]).toMatchObject({ decision: 'planned', reason: expect.stringMatching(/^observe: raise-reserved-concurrency observe: set on lambda "rung-api-prod"/) });
    expect(lambdaMock).not.toHaveReceivedCommand(PutFunctionConcurrencyCommand);
  });

  it('runs where it is proposed: a person asking for the undo is the approval', async () => {
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, stored(), { settings: withLevel('propose') });
    expect(record).toMatchObject({ decision: 'applied', reasonCode: 'undo' });
    expect(lambdaMock).toHaveReceivedCommandWith(PutFunctionConcurrencyCommand, { ReservedConcurrentExecutions: 10 });
  });
});

describe('undo through the kill switch and the guards of any apply (item 2)', () => {
  beforeEach(() => {
    lambdaMock.on(GetFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 20 });
  });

  it('only plans when the switch says dry-run, and says why', async () => {
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, stored(), { killSwitch: { state: 'dry-run', parameter: '/ar/mode' } });
    expect(record).toMatchObject({ mode: 'dry-run', decision: 'planned', reason: expect.stringMatching(/\(kill switch \/ar\/mode is "dry-run"\)$/) });
    expect(record.actions[0]).toMatchObject({ decision: 'planned', reason: 'dry run: undo: lower reserved concurrency of rung-api-prod from 20 back to 10' });
    expect(lambdaMock).not.toHaveReceivedCommand(PutFunctionConcurrencyCommand);
  });

  it.each([
    ['off', { state: 'off', parameter: '/ar/mode' }],
    ['unreadable', { state: 'unreadable', parameter: '/ar/mode', error: 'ParameterNotFound' }],
  ] as const)('plans but refuses to change anything when the switch is %s', async (_, killSwitch) => {
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, stored(), { killSwitch });
    expect(record).toMatchObject({ mode: 'enforce', decision: 'planned', reasonCode: 'kill-switch' });
    expect(record.actions[0].plan).toMatchObject({ params: { functionName: 'rung-api-prod', reservedConcurrency: 10 } });
    expect(lambdaMock).not.toHaveReceivedCommand(PutFunctionConcurrencyCommand);
  });

  it('asks the guards, with the undo\'s own cooldown and no severity, and obeys a refusal', async () => {
    const asked: GuardInput[] = [];
    const locked: Guard = { admit: async (input) => (asked.push(input), { ok: false, code: 'locked', escalate: false, reason: 'locked: another action is in progress' }) };
    const { record } = await undo({ undo: RECORD_ID, dryRun: false }, stored(), { guard: locked });
    expect(asked).toMatchObject([{ cooldownKey: 'undo:raise-reserved-concurrency', plan: { remediation: 'raise-reserved-concurrency' } }]);
    expect(asked[0].severity).toBeUndefined();
    expect(record).toMatchObject({ decision: 'planned', reasonCode: 'locked' });
    expect(lambdaMock).not.toHaveReceivedCommand(PutFunctionConcurrencyCommand);
  });

  it('releases what the guards took once done, keeping the cooldown after a change', async () => {
    lambdaMock.on(PutFunctionConcurrencyCommand).resolves({ ReservedConcurrentExecutions: 10 });
    const done: boolean[] = [];
    const admit: Guard = { admit: async () => ({ ok: true, done: async (changed) => void done.push(changed) }) };
    expect((await undo({ undo: RECORD_ID, dryRun: false }, stored(), { guard: admit })).record.decision).toBe('applied');
    expect(done).toEqual([true]);
  });
});
