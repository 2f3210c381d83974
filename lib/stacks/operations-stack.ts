import { Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { AccountsDashboard } from '../constructs/accounts-dashboard';
import { CentralEscalations } from '../constructs/central-escalations';
import { CentralRecords } from '../constructs/central-records';
import { RecordsDestination } from '../constructs/records-destination';
import { allowAlarmsToUseKey, allowLogsToEncryptLogGroups } from '../constructs/private/alert-key';
import { OPERATIONS_NAMES, type MultiAccountPlan } from '../deployment/operations';

export interface OperationsStackProps extends StackProps {
  readonly plan: MultiAccountPlan;
}

/**
 * `<prefix>-operations` in the central account: the log group where every member's records
 * arrive (with the stream, role and forwarder that bring them, and the Logs destination of its
 * own region), the topic every escalation reaches, and one dashboard across accounts.
 */
export class OperationsStack extends Stack {
  readonly key: kms.Key;
  readonly records: CentralRecords;
  readonly escalations: CentralEscalations;
  readonly dashboard: AccountsDashboard;
  /** The destination for members in this stack's region, if any. */
  readonly destination?: RecordsDestination;

  constructor(scope: Construct, id: string, props: OperationsStackProps) {
    super(scope, id, props);
    const { config, members } = props.plan;
    const { prefix } = config;
    const environments = members.map((m) => m.environment);
    this.key = new kms.Key(this, 'Key', {
      description: `alert-responder ${prefix}: encrypts every account's records and escalations in the operations account`,
      alias: `alias/${prefix}-operations`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    // The alarm on undeliverable escalations publishes to the encrypted central topic, as in members.
    allowAlarmsToUseKey(this.key, prefix);
    allowLogsToEncryptLogGroups(this.key);
    this.records = new CentralRecords(this, 'Records', {
      prefix,
      // The schema allows exactly the values of RetentionDays.
      retentionDays: config.logRetentionDays as logs.RetentionDays,
      key: this.key,
      members: environments,
    });
    this.escalations = new CentralEscalations(this, 'Escalations', {
      prefix,
      key: this.key,
      memberAccounts: environments.map((e) => e.account),
      emails: config.operations?.escalation.emails ?? [],
      httpsUrls: config.operations?.escalation.httpsUrls ?? [],
    });
    const here = environments.filter((e) => e.region === props.plan.operations.region).map((e) => e.account);
    if (here.length > 0) {
      this.destination = new RecordsDestination(this, 'RecordsDestination', {
        prefix,
        memberAccounts: here,
        streamArn: this.records.stream.streamArn,
        roleArn: this.records.destinationRole.roleArn,
      });
    }
    this.dashboard = new AccountsDashboard(this, 'Dashboard', {
      dashboardName: OPERATIONS_NAMES.dashboard(prefix),
      prefix,
      recordsLog: this.records.log.logGroup,
      members: environments,
    });
  }
}

export interface RecordsDestinationStackProps extends StackProps {
  readonly prefix: string;
  readonly memberAccounts: readonly string[];
  /** Where the operations stack is: the stream and the role are found there by name. */
  readonly operationsRegion: string;
}

/**
 * `<prefix>-operations-<region>` in the central account: the Logs destination for the members of
 * a region other than the operations stack's, pointing at the stream there.
 */
export class RecordsDestinationStack extends Stack {
  readonly destination: RecordsDestination;

  constructor(scope: Construct, id: string, props: RecordsDestinationStackProps) {
    super(scope, id, props);
    const streamArn = this.formatArn({ service: 'kinesis', region: props.operationsRegion, resource: 'stream', resourceName: OPERATIONS_NAMES.recordsStream(props.prefix) });
    const roleArn = this.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: OPERATIONS_NAMES.recordsRole(props.prefix) });
    this.destination = new RecordsDestination(this, 'RecordsDestination', { prefix: props.prefix, memberAccounts: props.memberAccounts, streamArn, roleArn });
  }
}
