import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ResolvedEnvironment } from '../config/environments';

export interface AccountsDashboardProps {
  readonly dashboardName: string;
  readonly prefix: string;
  /** The central records log group (streams named `<account>/<region>/<stream>`). */
  readonly recordsLog: logs.ILogGroup;
  readonly members: readonly ResolvedEnvironment[];
}

/** Where a record came from, read back from the central stream name the forwarder gives it. */
const ORIGIN = 'parse @logStream "*/*/*" as account, region, memberStream';

/**
 * One dashboard across accounts, in the operations account: the records of every member from
 * the central log group (same account, no setup), and each member's responder errors and
 * throttles read in its own account and region. Metrics of another account need CloudWatch
 * cross-account observability or the cross-account cross-Region console setting
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Unified-Cross-Account.html, cited by the CDK MetricWidgetProps accountId docs).
 */
export class AccountsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: AccountsDashboardProps) {
    super(scope, id);
    const logGroupNames = [props.recordsLog.logGroupName];
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName, defaultInterval: Duration.days(1) });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown: `# ${props.prefix}: every account\nRecords arrive in \`${props.recordsLog.logGroupName}\`, one stream per member stream (\`<account>/<region>/<stream>\`).`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.LogQueryWidget({
        title: 'Records by account, region and decision',
        logGroupNames,
        queryLines: ['fields @logStream, decision', ORIGIN, 'stats count(*) as records by account, region, decision', 'sort records desc'],
        view: cloudwatch.LogQueryVisualizationType.TABLE,
        width: 12,
        height: 8,
      }),
      new cloudwatch.LogQueryWidget({
        title: 'Latest failures and escalations, every account',
        logGroupNames,
        queryLines: ['fields @timestamp, @logStream, alarm.name, decision, reason', ORIGIN, 'filter decision in ["failed", "escalated"]', 'sort @timestamp desc', 'limit 50'],
        view: cloudwatch.LogQueryVisualizationType.TABLE,
        width: 12,
        height: 8,
      }),
    );
    const perMember = props.members.map((m) => {
      // A search finds every responder of the deployment (`<prefix>-…`) in that account and region.
      const search = (metric: string) =>
        new cloudwatch.MathExpression({
          expression: `SEARCH('{AWS/Lambda,FunctionName} MetricName="${metric}" FunctionName="${props.prefix}-"', 'Sum', 300)`,
          searchAccount: m.account,
          searchRegion: m.region,
          label: metric,
          period: Duration.minutes(5),
          usingMetrics: {},
        });
      return new cloudwatch.GraphWidget({
        title: `${m.account} ${m.region}: responder errors and throttles`,
        left: [search('Errors'), search('Throttles')],
        width: 8,
        height: 6,
      });
    });
    for (let i = 0; i < perMember.length; i += 3) this.dashboard.addWidgets(...perMember.slice(i, i + 3));
  }
}
