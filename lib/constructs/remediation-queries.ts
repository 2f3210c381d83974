import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** The ids of the saved Logs Insights queries on the remediation log. */
export const REMEDIATION_QUERY_IDS = [
  'latestRecords',
  'actionsTaken',
  'recordsByDecision',
  'failuresAndEscalations',
  'failureCounts',
  'duration',
  'alarmHistory',
  'approvals',
  'fixScore',
] as const;
export type RemediationQueryId = (typeof REMEDIATION_QUERY_IDS)[number];

/** A Logs Insights query on the remediation log (lambdas/core/record.ts describes the fields). */
export interface RemediationQuery {
  /** The last part of the saved query's name, also the dashboard widget's title. */
  readonly title: string;
  readonly query: logs.QueryString;
}

/** What the alarm-history query filters on; replace it with an alarm name before running the query. */
export const ALARM_NAME_PLACEHOLDER = 'REPLACE-WITH-ALARM-NAME';

/**
 * A notification record says `decision`; a verification record says `outcome` instead. One
 * column for both, so a still-firing alarm after an applied action shows with the failures.
 */
const RESULT = 'coalesce(decision, outcome) as result';
const FAILED_RESULTS = 'result in ["failed", "escalated", "still-alarm"]';
const LATEST_FIRST = '@timestamp desc';

/**
 * Every query on the remediation log, in one place: the stack saves each one and the dashboard
 * shows the same strings, so what an operator opens from a widget is what the widget ran.
 */
export const REMEDIATION_QUERIES: { readonly [Q in RemediationQueryId]: RemediationQuery } = {
  latestRecords: {
    title: 'Latest records',
    query: new logs.QueryString({
      fields: ['time', 'recordType', 'alarm.name', 'system', 'alertKind', 'target.key', 'mode', 'decision', 'outcome', 'reasonCode', 'reason'],
      sort: LATEST_FIRST,
      limit: 100,
    }),
  },
  actionsTaken: {
    title: 'Actions taken',
    query: new logs.QueryString({
      fields: ['time', 'alarm.name', 'system', 'alertKind', 'target.key', 'mode', 'decision', 'reasonCode', 'actions.0.remediation', 'actions.0.resource', 'reason'],
      filterStatements: ['decision in ["applied", "failed", "escalated"]'],
      sort: LATEST_FIRST,
      limit: 100,
    }),
  },
  recordsByDecision: {
    title: 'Records by decision',
    query: new logs.QueryString({
      filterStatements: ['ispresent(decision)'],
      statsStatements: ['count(*) as records by decision, alertKind'],
      sort: 'records desc',
    }),
  },
  failuresAndEscalations: {
    title: 'Failures and escalations',
    query: new logs.QueryString({
      fields: ['time', 'recordType', 'alarm.name', 'system', 'alertKind', 'target.key', RESULT, 'reasonCode', 'reason', 'escalation.published', 'escalation.error'],
      filterStatements: [FAILED_RESULTS],
      sort: LATEST_FIRST,
      limit: 100,
    }),
  },
  failureCounts: {
    title: 'Failures and escalations by result',
    query: new logs.QueryString({
      fields: [RESULT],
      filterStatements: [FAILED_RESULTS],
      statsStatements: ['count(*) as records by recordType, result'],
      sort: 'records desc',
    }),
  },
  duration: {
    title: 'Responder duration (ms)',
    query: new logs.QueryString({
      // A verification's duration is the verifier's, not the time a notification took.
      filterStatements: ['ispresent(durationMs) and recordType != "verification"'],
      statsStatements: ['pct(durationMs, 50) as p50, pct(durationMs, 95) as p95, max(durationMs) as max by bin(5m)'],
    }),
  },
  alarmHistory: {
    title: "One alarm's history",
    query: new logs.QueryString({
      fields: ['time', 'recordType', 'alarm.state', 'mode', RESULT, 'reasonCode', 'actions.0.remediation', 'reason'],
      filterStatements: [`alarm.name = "${ALARM_NAME_PLACEHOLDER}"`],
      sort: LATEST_FIRST,
      limit: 200,
    }),
  },
  approvals: {
    title: 'Approvals',
    query: new logs.QueryString({
      fields: ['time', 'approval.verdict', 'approval.approver.arn', 'approval.proposalId', 'approval.proposedIn', 'decision', 'reasonCode', 'actions.0.remediation', 'actions.0.resource', 'reason'],
      filterStatements: ['recordType = "approval"'],
      sort: LATEST_FIRST,
      limit: 100,
    }),
  },
  fixScore: {
    title: 'Fix score by remediation and resource',
    query: new logs.QueryString({
      // A verification counts its verdict into each applied action's score and writes the scores after counting
      // (VerificationRecord.scores): the latest per pair is the score. One action per run is the rule; an API's
      // backends show under the first. latest(): the value of the event with the latest timestamp
      // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-operations-functions.html).
      fields: ['scores.0.remediation as remediation', 'scores.0.targetKey as resource'],
      filterStatements: ['recordType = "verification" and ispresent(scores.0.remediation)'],
      statsStatements: ['latest(scores.0.recovered) as recovered, latest(scores.0.failed) as stillFiring, count(*) as verifications by remediation, resource'],
      sort: 'stillFiring desc',
      limit: 100,
    }),
  },
};

/** The folder the saved queries are in: the console groups names by their slashes. */
export function remediationQueryFolder(prefix: string): string {
  return `alert-responder/${prefix}`;
}

/** A saved query's full name: `alert-responder/<prefix>/<title>`. */
export function remediationQueryName(prefix: string, id: RemediationQueryId): string {
  return `${remediationQueryFolder(prefix)}/${REMEDIATION_QUERIES[id].title}`;
}

export interface RemediationQueriesProps {
  /** The deployment prefix: the queries are saved under `alert-responder/<prefix>/`. */
  readonly prefix: string;
  /** The remediation log the queries run on. */
  readonly remediationLog: logs.ILogGroup;
}

/** Saves every query of REMEDIATION_QUERIES in CloudWatch Logs Insights, on the remediation log. */
export class RemediationQueries extends Construct {
  readonly definitions: ReadonlyMap<RemediationQueryId, logs.QueryDefinition>;

  constructor(scope: Construct, id: string, props: RemediationQueriesProps) {
    super(scope, id);
    this.definitions = new Map(
      REMEDIATION_QUERY_IDS.map((q): [RemediationQueryId, logs.QueryDefinition] => [
        q,
        new logs.QueryDefinition(this, q, {
          queryDefinitionName: remediationQueryName(props.prefix, q),
          queryString: REMEDIATION_QUERIES[q].query,
          logGroups: [props.remediationLog],
        }),
      ]),
    );
  }
}
