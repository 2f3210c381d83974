/**
 * Proposals and approvals on the state table (dynalite): a guarded action not enabled is proposed
 * (stored, an approval request sent); a person approves it through approvalRecord, which plans
 * again, checks the hashes, passes the guards and applies once.
 */
import { defineRemediation } from '../../../lambdas/core/remediation';
import { object, str } from '../../../lambdas/core/params';
import { appliedItems, approvedGuards, proposals as proposalStore, stateTable, type Proposals } from '../../../lambdas/guardrails';
import type { ApprovalRequestContent } from '../../../lambdas/escalation/approval-request';
import { approvalRequestText } from '../../../lambdas/escalation/approval-request';
import { approvalResponse } from '../../../lambdas/pipeline/approval-handler';
import { approvalRecord, type ApproveDeps } from '../../../lambdas/pipeline/approve';
import { parseInvocation } from '../../../lambdas/pipeline/notification';
import { respond, type RespondDeps } from '../../../lambdas/pipeline/respond';
import type { ResultRecord } from '../../../lambdas/core/record';
import { alarmEvent } from '../../helpers/alarm-event';
import { startDynalite, type LocalDynamo } from '../../helpers/dynalite';
import { ACCOUNT, settingsForAlarm } from '../../helpers/responder-settings';
import { echoOf, trusting } from '../../helpers/trusted-alarms';

let dynamo: LocalDynamo;
beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());

const ALARM = 'ar-rung-high-error-rate-rung-api-prod';
const APPROVER = `arn:aws:iam::${ACCOUNT}:role/oncall/ar-approver`;
const APPROVER_SESSION = { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ar-approver/jane`, accountId: ACCOUNT };
/** A minute after the transition alarmEvent sends by default. */
const NOW = new Date('2026-11-23T03:13:45.123Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

/** The alias's version as AWS would hold it: the plan reads it, apply moves it. */
function aliasRemediation() {
  const alias = { version: '8', target: '7', applies: 0 };
  const remediation = defineRemediation({
    id: 'rollback-lambda-alias',
    targetType: 'lambda',
    params: object({ version: str() }),
    async plan(ctx) {
      const { version, target } = alias;
      if (version === target) return { kind: 'no-op', remediation: 'rollback-lambda-alias', resource: `${ctx.target.key}:live`, reason: `already on ${target}`, before: { version } };
      return { kind: 'change', remediation: 'rollback-lambda-alias', resource: `${ctx.target.key}:live`, summary: `alias live ${version} -> ${target}`, before: { version }, after: { version: target }, params: { version: target } };
    },
    async apply({ version }) {
      alias.applies += 1;
      alias.version = version;
      return { after: { version }, summary: `alias live now on ${version}` };
    },
  });
  return { alias, remediation };
}

async function setup() {
  const name = await dynamo.newTable();
  const table = stateTable(name, dynamo.client);
  const settings = { ...settingsForAlarm(ALARM), stateTable: name, approvals: { approvers: [APPROVER], expiresMinutes: 30 } };
  const { alias, remediation } = aliasRemediation();
  const requests: ApprovalRequestContent[] = [];
  const store = proposalStore(table);
  const respondDeps: RespondDeps = {
    settings,
    remediations: { 'rollback-lambda-alias': remediation },
    escalate: async () => ({ messageId: 'escalation-1', diagnostics: {} }),
    self: { account: ACCOUNT, region: 'us-east-1' },
    proposals: store,
    publishApprovalRequest: async (content, topicArn) => {
      requests.push(content);
      return { published: true, topicArn, messageId: `request-${requests.length}`, reason: 'approval requested' };
    },
    ...trusting(NOW).deps,
  };
  const approveDeps = (at: Date): ApproveDeps => ({
    settings,
    remediations: { 'rollback-lambda-alias': remediation },
    self: { account: ACCOUNT, region: 'us-east-1' },
    proposals: store,
    guard: approvedGuards({ stateTable: name }, { dynamodb: dynamo.client }),
    applied: appliedItems(table),
    now: () => at,
    scheduleVerification: async () => ({ scheduled: true, afterSeconds: 600, messageId: 'verify-1' }),
  });
  /** The alarm fires: the guarded rollback is proposed. */
  const propose = async (): Promise<{ record: ResultRecord; id: string }> => {
    const [outcome] = parseInvocation(alarmEvent({ name: ALARM }));
    const record = await respond(outcome, { ...respondDeps, ...echoOf(outcome) });
    const id = record.actions[0]?.proposal?.id;
    if (!id) throw new Error(`nothing proposed: ${record.reason}`);
    return { record, id };
  };
  return { alias, requests, propose, approveDeps, store, respondDeps };
}

describe('proposals', () => {
  it('stores the plan of a guarded action and sends an approval request instead of escalating it', async () => {
    const { propose, requests, store, alias } = await setup();
    const { record, id } = await propose();
    expect(record).toMatchObject({ decision: 'planned', reasonCode: 'propose', escalation: undefined });
    expect(record.actions[0].proposal).toMatchObject({ stored: true, expiresAt: later(30).toISOString(), request: { published: true, messageId: 'request-1' } });
    expect(id).toMatch(/^rung\.lambda\.[0-9a-f-]{36}$/);
    expect(await store.read(id)).toMatchObject({ status: 'pending', recordId: record.recordId, targetKey: 'rung-api-prod', plan: { before: { version: '8' }, after: { version: '7' } } });
    const text = approvalRequestText(requests[0]);
    expect(text).toContain(`npm run approve -- ${id}`);
    expect(text).toContain('"version": "8"');
    expect(text).toContain(`until ${later(30).toISOString()}`);
    expect(alias.applies).toBe(0);
  });
});

describe('a proposal that cannot be made', () => {
  it('is escalated as before when the state table refuses it, and says why', async () => {
    const { respondDeps, requests, store } = await setup();
    const escalated: string[] = [];
    const broken: Proposals = { ...store, write: async () => Promise.reject(new Error('ProvisionedThroughputExceededException')) };
    const [outcome] = parseInvocation(alarmEvent({ name: ALARM }));
    const record = await respond(outcome, {
      ...respondDeps,
      ...echoOf(outcome),
      proposals: broken,
      escalate: async (input) => (escalated.push(input.reason), { messageId: 'escalation-1', diagnostics: {} }),
    });
    expect(record).toMatchObject({ decision: 'escalated', reasonCode: 'propose', escalation: { published: true }, actions: [{ proposal: { stored: false } }] });
    expect(record.reason).toContain('not proposed: could not store the proposal in the state table: ');
    expect(requests).toEqual([]);
    expect(escalated).toHaveLength(1);
  });
});

describe('approvals', () => {
  it('applies an approved plan once, naming the approver, and refuses the second approval as used', async () => {
    const { propose, approveDeps, alias } = await setup();
    const { record: proposal, id } = await propose();
    const first = await approvalRecord({ proposalId: id, verdict: 'approve' }, APPROVER_SESSION, approveDeps(later(5)));
    expect(first).toMatchObject({
      recordType: 'approval',
      decision: 'applied',
      reasonCode: 'approved',
      approval: { proposalId: id, proposedIn: proposal.recordId, verdict: 'approve', approver: APPROVER_SESSION },
      after: { 'rung-api-prod:live': { version: '7' } },
      verification: { scheduled: true, messageId: 'verify-1' },
      integrity: { unsigned: expect.any(String) },
    });
    expect(first.reason).toContain(APPROVER_SESSION.arn);
    expect(alias.version).toBe('7');
    // Put the alias back: only the proposal's single use can refuse the second approval now.
    alias.version = '8';
    const second = await approvalRecord({ proposalId: id, verdict: 'approve' }, APPROVER_SESSION, approveDeps(later(6)));
    expect(second).toMatchObject({ decision: 'skipped', reasonCode: 'approval-used' });
    expect(second.reason).toMatch(/already approved by arn:aws:sts::123456789012:assumed-role\/ar-approver\/jane/);
    expect(alias.applies).toBe(1);
  });

  it('refuses an expired approval', async () => {
    const { propose, approveDeps, alias } = await setup();
    const { id } = await propose();
    const record = await approvalRecord({ proposalId: id, verdict: 'approve' }, APPROVER_SESSION, approveDeps(later(31)));
    expect(record).toMatchObject({ decision: 'skipped', reasonCode: 'approval-expired' });
    expect(record.reason).toContain(`expired at ${later(30).toISOString()}`);
    expect(alias.applies).toBe(0);
  });

  it('refuses an approval after the resource changed: planned again, the state differs', async () => {
    const { propose, approveDeps, alias } = await setup();
    const { id } = await propose();
    alias.version = '9';
    const record = await approvalRecord({ proposalId: id, verdict: 'approve' }, APPROVER_SESSION, approveDeps(later(5)));
    expect(record).toMatchObject({ decision: 'skipped', reasonCode: 'approval-stale', actions: [{ decision: 'planned', before: { version: '9' } }] });
    expect(record.reason).toContain('the state changed since the proposal: it was {"version":"8"}, it is {"version":"9"}');
    expect(alias).toMatchObject({ version: '9', applies: 0 });
  });

  it('refuses an approval when the plan made again differs from the approved one (same state)', async () => {
    const { propose, approveDeps, alias } = await setup();
    const { id } = await propose();
    alias.target = '6';
    const record = await approvalRecord({ proposalId: id, verdict: 'approve' }, APPROVER_SESSION, approveDeps(later(5)));
    expect(record).toMatchObject({ decision: 'skipped', reasonCode: 'approval-stale' });
    expect(record.reason).toContain('the plan changed since the proposal: it set {"version":"7"}, it would now set {"version":"6"}');
    expect(alias.applies).toBe(0);
  });

  it('passes the guards of any apply: the kill switch and a cooldown refuse, and the proposal stays open', async () => {
    const { propose, approveDeps, alias, store } = await setup();
    const { id } = await propose();
    const halted = await approvalRecord({ proposalId: id, verdict: 'approve' }, APPROVER_SESSION, { ...approveDeps(later(2)), killSwitch: { state: 'off', parameter: '/ar/mode' } });
    expect(halted).toMatchObject({ decision: 'planned', reasonCode: 'kill-switch' });
    expect(await store.read(id)).toMatchObject({ status: 'pending' });
    // A first approval applies and starts the cooldown of the rollback on the resource.
    expect(await approvalRecord({ proposalId: id, verdict: 'approve' }, APPROVER_SESSION, approveDeps(later(3)))).toMatchObject({ reasonCode: 'approved' });
    alias.version = '8';
    const { id: next } = await propose();
    const cooled = await approvalRecord({ proposalId: next, verdict: 'approve' }, APPROVER_SESSION, approveDeps(later(4)));
    expect(cooled).toMatchObject({ decision: 'planned', reasonCode: 'cooldown' });
    expect(await store.read(next)).toMatchObject({ status: 'pending' });
    expect(alias.applies).toBe(1);
  });

  it('refuses a caller who is not an approver, and records who it was', async () => {
    const { propose, approveDeps, alias, store } = await setup();
    const { id } = await propose();
    const stranger = { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/developer/bob`, accountId: ACCOUNT };
    const record = await approvalRecord({ proposalId: id, verdict: 'approve' }, stranger, approveDeps(later(5)));
    expect(record).toMatchObject({ decision: 'skipped', reasonCode: 'approval-denied', approval: { approver: stranger } });
    expect(alias.applies).toBe(0);
    expect(await store.read(id)).toMatchObject({ status: 'pending' });
  });

  it('answers a function URL request of a non-approver with 403 and its record', async () => {
    const { propose, approveDeps } = await setup();
    const { id } = await propose();
    const written: ResultRecord[] = [];
    const event = {
      version: '2.0',
      requestContext: { http: { method: 'POST' }, authorizer: { iam: { userArn: `arn:aws:iam::${ACCOUNT}:user/mallory`, accountId: ACCOUNT } } },
      body: JSON.stringify({ proposal: id, verdict: 'approve' }),
      isBase64Encoded: false,
    };
    const response = await approvalResponse(event, approveDeps(later(5)), async (r) => void written.push(r));
    expect(response.statusCode).toBe(403);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ reasonCode: 'approval-denied', approval: { approver: { arn: `arn:aws:iam::${ACCOUNT}:user/mallory` } } });
  });

  it('rejects: the proposal is used, nothing applied, and a later approval is refused', async () => {
    const { propose, approveDeps, alias } = await setup();
    const { id } = await propose();
    const rejected = await approvalRecord({ proposalId: id, verdict: 'reject', note: 'deploy in progress' }, APPROVER_SESSION, approveDeps(later(2)));
    expect(rejected).toMatchObject({ decision: 'skipped', reasonCode: 'rejected', approval: { verdict: 'reject', note: 'deploy in progress' } });
    const approved = await approvalRecord({ proposalId: id, verdict: 'approve' }, APPROVER_SESSION, approveDeps(later(3)));
    expect(approved).toMatchObject({ reasonCode: 'approval-used' });
    expect(alias.applies).toBe(0);
  });
});
