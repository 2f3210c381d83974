/**
 * The handler routes a function URL request to the approval flow, with the guards of an approved
 * plan (not the policy guards that held it back), and answers with the record it wrote.
 */
import { CloudWatchLogsClient, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { defineRemediation } from '../../../lambdas/core/remediation';
import { object, str } from '../../../lambdas/core/params';
import { appliedItems, claims, proposals as proposalStore, stateTable, type Guard, type Guardrails } from '../../../lambdas/guardrails';
import { planHashes } from '../../../lambdas/pipeline/plan-hash';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { ACCOUNT, settingsForAlarm } from '../../helpers/responder-settings';

const logs = mockClient(CloudWatchLogsClient);
const kms = mockClient(KMSClient);
let dynamo: LocalDynamo;
let createHandler: (typeof import('../../../lambdas/pipeline/handler'))['createHandler'];
beforeAll(async () => {
  // Powertools, built when the handler's module loads, writes to the console in dev mode: kept quiet below.
  process.env.POWERTOOLS_DEV = 'true';
  ({ createHandler } = await import('../../../lambdas/pipeline/handler'));
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());
beforeEach(() => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, level).mockImplementation(() => undefined);
  logs.reset().onAnyCommand().resolves({});
  kms.reset().on(GenerateMacCommand).resolves({ Mac: new Uint8Array([1, 2, 3]), KeyId: 'arn:aws:kms:us-east-1:123456789012:key/test' });
});

const ALARM = 'ar-rung-high-error-rate-rung-api-prod';
const APPROVER = `arn:aws:iam::${ACCOUNT}:role/ar-approver`;
const NOW = new Date('2026-11-23T03:20:00.000Z');
const ID = 'rung.lambda.8f0c6d3e-2b1a-4c5d-9e8f-0a1b2c3d4e5f';
const context = {
  functionName: 'ar-rung-lambda',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:ar-rung-lambda`,
  awsRequestId: 'approval-request',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;

const plan = { remediation: 'rollback-lambda-alias', resource: 'rung-api-prod:live', summary: 'alias live 8 -> 7', before: { version: '8' }, after: { version: '7' }, params: { version: '7' } } as const;

it('routes a function URL request to the approval, guarded by the approved-plan guards, and returns the signed record it wrote', async () => {
  const table = stateTable(await dynamo.newTable(), dynamo.client);
  const store = proposalStore(table);
  await store.write({
    id: ID,
    system: 'rung',
    family: 'lambda',
    expiresAt: new Date(NOW.getTime() + 10 * 60_000),
    recordId: 'proposing-record',
    alarm: { name: ALARM, stateChangeTime: '2026-11-23T03:12:45.123Z' },
    alertKind: 'high-error-rate',
    windowSeconds: 300,
    targetKey: 'rung-api-prod',
    plan,
    ...planHashes(plan),
  });
  let applied = 0;
  const remediation = defineRemediation({
    id: 'rollback-lambda-alias',
    targetType: 'lambda',
    params: object({ version: str() }),
    plan: async () => ({ kind: 'change', ...plan }),
    async apply({ version }) {
      applied += 1;
      return { after: { version }, summary: `alias live now on ${version}` };
    },
  });
  const refusing: Guard = { admit: async () => ({ ok: false, code: 'guarded', escalate: true, reason: 'a guarded action not enabled' }) };
  const admitted: string[] = [];
  const guardrails: Guardrails = {
    readKillSwitch: async () => ({ state: 'enforce', parameter: '/ar/mode' }),
    guard: refusing,
    approvedGuard: { admit: async ({ cooldownKey }) => (admitted.push(cooldownKey), { ok: true, done: async () => undefined }) },
    claims: claims(table),
    applied: appliedItems(table),
    proposals: store,
  };
  const settings = { ...settingsForAlarm(ALARM), approvals: { approvers: [APPROVER], expiresMinutes: 30 } };
  const handler = createHandler(
    { 'rollback-lambda-alias': remediation },
    { settings, now: () => NOW, scheduleVerification: async () => ({ scheduled: true, afterSeconds: 600 }) },
    guardrails,
  );
  const event = {
    version: '2.0',
    rawPath: '/',
    requestContext: { http: { method: 'POST', path: '/' }, authorizer: { iam: { userArn: `arn:aws:sts::${ACCOUNT}:assumed-role/ar-approver/jane`, accountId: ACCOUNT } } },
    body: Buffer.from(JSON.stringify({ proposal: ID, verdict: 'approve' })).toString('base64'),
    isBase64Encoded: true,
  };
  const response = await handler(event, context);
  if (!('statusCode' in response)) throw new Error('expected an HTTP response');
  expect(response.statusCode).toBe(200);
  const record = JSON.parse(response.body) as { recordId: string };
  expect(record).toMatchObject({ recordType: 'approval', decision: 'applied', reasonCode: 'approved', integrity: { alg: 'HMAC_SHA_256', mac: 'AQID' } });
  expect(admitted).toEqual(['rollback-lambda-alias']);
  expect(applied).toBe(1);
  // The record the caller got is the one written to the remediation log.
  const written = logs.commandCalls(PutLogEventsCommand).flatMap((c) => c.args[0].input.logEvents ?? []).map((e) => e.message ?? '');
  expect(written).toHaveLength(1);
  expect(JSON.parse(written[0] ?? '{}')).toEqual(record);
  expect(await store.read(ID)).toMatchObject({ status: 'approved', decidedBy: `arn:aws:sts::${ACCOUNT}:assumed-role/ar-approver/jane` });
});
