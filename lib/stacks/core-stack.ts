import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AlertDashboard, type LinkedDashboard } from '../constructs/alert-dashboard';
import { KillSwitchWatch } from '../constructs/kill-switch-watch';
import { RecordAlarms } from '../constructs/record-alarms';
import { RecordKey } from '../constructs/record-key';
import { RemediationLog } from '../constructs/remediation-log';
import { RemediationQueries, remediationQueryFolder } from '../constructs/remediation-queries';
import { SeverityTopics } from '../constructs/severity-topics';
import { StateTable } from '../constructs/state-table';
import { Verification } from '../constructs/verification';
import type { DeploymentPlan, OperationsLocation } from '../deployment';
import { plannedAlarmArns } from '../constructs/private/responder-arns';
import { centralEscalationTopicArn, grantCentralEscalation, subscribeRecordsToOperations } from '../constructs/private/operations-link';

export interface CoreStackProps extends StackProps {
  /** The deployment: its prefix, retention, escalation subscribers and every planned alarm. */
  readonly plan: DeploymentPlan;
}

/**
 * What every system of a deployment shares in its home region: the key, the severity and
 * escalation topics, the remediation log and its saved queries, the mode parameter and the
 * dashboard of what the responders did and of all alarms.
 */
export class CoreStack extends Stack {
  readonly topics: SeverityTopics;
  readonly remediationLog: RemediationLog;
  readonly remediationQueries: RemediationQueries;
  private readonly plan: DeploymentPlan;
  private readonly failedRecords: cloudwatch.IMetric;
  private alertDashboard?: AlertDashboard;
  /** `/<prefix>/mode`: the kill switch every responder reads (enforce, dry-run or off). */
  readonly modeParameter: ssm.StringParameter;
  readonly state: StateTable;
  readonly verification: Verification;
  /** Signs every record; its verify-records policy is for whoever audits them. */
  readonly recordKey: RecordKey;

  constructor(scope: Construct, id: string, props: CoreStackProps) {
    super(scope, id, props);
    this.plan = props.plan;
    const { config } = props.plan;
    this.topics = new SeverityTopics(this, 'Topics', { prefix: config.prefix, escalation: config.escalation, shards: props.plan.topicShards });
    this.remediationLog = new RemediationLog(this, 'RemediationLog', {
      prefix: config.prefix,
      // The schema allows exactly the values of RetentionDays.
      retentionDays: config.logRetentionDays as logs.RetentionDays,
      key: this.topics.key,
    });
    this.modeParameter = new ssm.StringParameter(this, 'Mode', {
      parameterName: `/${config.prefix}/mode`,
      stringValue: config.guardrails.initialMode,
      description: `alert-responder ${config.prefix}: enforce, dry-run or off. Responders read it on every notification.`,
    });
    this.state = new StateTable(this, 'State', { key: this.topics.key });
    this.recordKey = new RecordKey(this, 'RecordKey', { prefix: config.prefix, remediationLog: this.remediationLog.logGroup });
    const escalationTopic = this.topics.escalationTopic;
    if (!escalationTopic) throw new Error('SeverityTopics created no escalation topic.');
    this.verification = new Verification(this, 'Verification', {
      prefix: config.prefix,
      key: this.topics.key,
      remediationLog: this.remediationLog.logGroup,
      escalationTopic,
      logRetention: config.logRetentionDays as logs.RetentionDays,
      logLines: config.escalation.logLines,
      stateTable: this.state.table,
      alarmArns: plannedAlarmArns(props.plan.systems, config.prefix, this, config.region),
      recordKey: this.recordKey.key,
    });
    // A change of the kill switch by anyone is recorded and notified.
    new KillSwitchWatch(this, 'KillSwitchWatch', {
      prefix: config.prefix,
      // The literal name: the rules' patterns then read as what they match.
      parameterName: `/${config.prefix}/mode`,
      escalationTopic,
      key: this.topics.key,
      logRetention: config.logRetentionDays as logs.RetentionDays,
    });
    const recordAlarms = new RecordAlarms(this, 'RecordAlarms', { prefix: config.prefix, remediationLog: this.remediationLog.logGroup, escalationTopic });
    this.remediationQueries = new RemediationQueries(this, 'RemediationQueries', { prefix: config.prefix, remediationLog: this.remediationLog.logGroup });
    // The metric filter and the saved queries name the group, which must exist when they are created.
    for (const user of [recordAlarms, this.remediationQueries, this.verification]) user.node.addDependency(this.remediationLog.ready);
    this.failedRecords = recordAlarms.failedRecords;
  }

  /**
   * Adds `<prefix>-alerts`: what the responders did, then every alarm of the plan, or (for a
   * deployment too large for one dashboard) links to the dashboards that hold them. Once.
   */
  addDashboard(alarmDashboards?: readonly LinkedDashboard[]): AlertDashboard {
    if (this.alertDashboard) throw new Error('CoreStack: the dashboard was already added');
    const { config } = this.plan;
    this.alertDashboard = new AlertDashboard(this, 'Dashboard', {
      dashboardName: `${config.prefix}-alerts`,
      remediationLog: this.remediationLog.logGroup,
      failedRecordsMetric: this.failedRecords,
      savedQueriesFolder: remediationQueryFolder(config.prefix),
      alarms: alarmDashboards
        ? []
        : this.plan.systems.flatMap((s) => s.alarms.map((a) => ({ name: a.name, severity: a.severity, region: a.usEast1 ? 'us-east-1' : config.region }))),
      alarmDashboards,
    });
    return this.alertDashboard;
  }

  /**
   * Multi-account: sends every record of this account's remediation log to the operations
   * account, and lets the verifier escalate to its topic too.
   */
  linkToOperations(ops: OperationsLocation): void {
    const { prefix } = this.plan.config;
    subscribeRecordsToOperations(this.remediationLog, { prefix, logGroupName: this.remediationLog.logGroup.logGroupName, ops, ready: this.remediationLog.ready });
    const topicArn = centralEscalationTopicArn(this, prefix, ops);
    this.verification.verifier.function.addEnvironment('AR_CENTRAL_ESCALATION_TOPIC_ARN', topicArn);
    grantCentralEscalation(this.verification.verifier.role, topicArn, ops);
  }

  /** `<prefix>-alerts`, once addDashboard made it. */
  get dashboard(): AlertDashboard {
    if (!this.alertDashboard) throw new Error('CoreStack: no dashboard yet; call addDashboard');
    return this.alertDashboard;
  }
}

