import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  ALARM_NAME_PLACEHOLDER,
  REMEDIATION_QUERIES,
  REMEDIATION_QUERY_IDS,
  RemediationQueries,
  remediationQueryName,
  type RemediationQueryId,
} from '../../lib/constructs/remediation-queries';

interface QueryDefinitionJson {
  readonly Properties: { readonly Name: string; readonly QueryString: string; readonly LogGroupNames: unknown[] };
}

function build(prefix = 'ops') {
  const stack = new Stack(new App(), 'QueriesTest');
  const logGroup = new logs.LogGroup(stack, 'RemediationLog', { logGroupName: `/alert-responder/${prefix}/remediations` });
  const queries = new RemediationQueries(stack, 'Queries', { prefix, remediationLog: logGroup });
  const template = Template.fromStack(stack);
  const logGroupId = stack.getLogicalId(logGroup.node.defaultChild as logs.CfnLogGroup);
  const definitions = Object.values(template.findResources('AWS::Logs::QueryDefinition')) as QueryDefinitionJson[];
  return { queries, template, logGroupId, definitions };
}

const query = (id: RemediationQueryId) => REMEDIATION_QUERIES[id].query.toString();

describe('RemediationQueries', () => {
  test('saves every query once, under alert-responder/<prefix>/, on the remediation log only', () => {
    const { definitions, logGroupId, queries } = build('ops');
    expect(definitions.map((d) => d.Properties.Name).sort()).toEqual(REMEDIATION_QUERY_IDS.map((q) => remediationQueryName('ops', q)).sort());
    for (const d of definitions) {
      expect(d.Properties.Name.startsWith('alert-responder/ops/')).toBe(true);
      expect(d.Properties.LogGroupNames).toEqual([{ Ref: logGroupId }]);
    }
    expect([...queries.definitions.keys()]).toEqual([...REMEDIATION_QUERY_IDS]);
  });

  test('the operator’s queries are there by name, each with the exported query string', () => {
    const { definitions } = build('ops');
    const byName = new Map(definitions.map((d) => [d.Properties.Name, d.Properties.QueryString]));
    const expected: Array<[string, RemediationQueryId]> = [
      ['alert-responder/ops/Latest records', 'latestRecords'],
      ['alert-responder/ops/Actions taken', 'actionsTaken'],
      ['alert-responder/ops/Records by decision', 'recordsByDecision'],
      ['alert-responder/ops/Failures and escalations', 'failuresAndEscalations'],
      ["alert-responder/ops/One alarm's history", 'alarmHistory'],
      ['alert-responder/ops/Fix score by remediation and resource', 'fixScore'],
    ];
    for (const [name, id] of expected) expect({ name, query: byName.get(name) }).toEqual({ name, query: query(id) });
  });

  test('names stay within the 255 characters of a query definition name', () => {
    const longest = REMEDIATION_QUERY_IDS.map((q) => remediationQueryName('a'.repeat(40), q).length);
    expect(Math.max(...longest)).toBeLessThanOrEqual(255);
  });
});

describe('the queries', () => {
  test('approvals show who decided on which proposal of which record, and the outcome', () => {
    const q = query('approvals');
    expect(q).toContain('filter recordType = "approval"');
    for (const field of ['approval.verdict', 'approval.approver.arn', 'approval.proposalId', 'approval.proposedIn', 'reasonCode']) expect(q).toContain(field);
  });

  test('latest records show time, alarm, system, kind, mode, decision and reason, newest first', () => {
    const q = query('latestRecords');
    expect(q).toMatch(/^fields time, recordType, alarm\.name, system, alertKind, target\.key, mode, decision, outcome, reasonCode, reason\n/);
    expect(q).toContain('| sort @timestamp desc');
    expect(q).not.toContain('filter');
  });

  test('actions taken keep only applied, failed and escalated records', () => {
    expect(query('actionsTaken')).toContain('| filter decision in ["applied", "failed", "escalated"]');
    expect(query('actionsTaken')).not.toContain('"planned"');
  });

  test('records by decision count by decision and alert kind', () => {
    expect(query('recordsByDecision')).toContain('| stats count(*) as records by decision, alertKind');
  });

  test('failures and escalations include a verification that found the alarm still firing', () => {
    for (const id of ['failuresAndEscalations', 'failureCounts'] as const) {
      expect(query(id)).toContain('coalesce(decision, outcome) as result');
      expect(query(id)).toContain('filter result in ["failed", "escalated", "still-alarm"]');
    }
    expect(query('failuresAndEscalations')).toContain('reason');
  });

  test('duration is p50, p95 and max of durationMs in 5-minute bins, verifications left out', () => {
    const q = query('duration');
    expect(q).toContain('pct(durationMs, 95) as p95');
    expect(q).toContain('max(durationMs) as max by bin(5m)');
    expect(q).toContain('recordType != "verification"');
  });

  test("one alarm's history filters on the alarm name placeholder", () => {
    expect(query('alarmHistory')).toContain(`| filter alarm.name = "${ALARM_NAME_PLACEHOLDER}"`);
  });

  test('the fix score shows, per remediation and resource, the latest score the verifier counted', () => {
    const q = query('fixScore');
    expect(q).toContain('| filter recordType = "verification" and ispresent(scores.0.remediation)');
    expect(q).toContain('latest(scores.0.recovered) as recovered, latest(scores.0.failed) as stillFiring, count(*) as verifications by remediation, resource');
  });

  test('no query has more than the two stats commands Logs Insights allows', () => {
    for (const id of REMEDIATION_QUERY_IDS) expect((query(id).match(/^\|? ?stats /gm) ?? []).length).toBeLessThanOrEqual(2);
  });
});
