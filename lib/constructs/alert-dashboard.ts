import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SEVERITIES, SEVERITY_IDS, type Severity } from '../catalogue';
import { REMEDIATION_QUERIES, type RemediationQueryId } from './remediation-queries';

/** An alarm the dashboard shows: found by its deterministic name, so no stack references it. */
export interface DashboardAlarm {
  readonly name: string;
  readonly severity: Severity;
  /** The region the alarm lives in. */
  readonly region: string;
}

/** Another dashboard the alarms are on, linked from this one instead of showing them. */
export interface LinkedDashboard {
  readonly dashboardName: string;
  /** What it shows, e.g. a system and part. */
  readonly title: string;
  readonly alarms: number;
}

export interface AlertDashboardProps {
  /** The dashboard's name. */
  readonly dashboardName: string;
  /** The alarms to show, grouped by severity. */
  readonly alarms: readonly DashboardAlarm[];
  /**
   * Dashboards holding the alarms this one does not show (a large deployment's), listed with links.
   * @default - none
   */
  readonly alarmDashboards?: readonly LinkedDashboard[];
  /**
   * The most alarms one status widget shows; more are split over several widgets.
   * @default 100
   */
  readonly alarmsPerWidget?: number;
  /**
   * The remediation log: when given, what the responders did (records by decision, failures,
   * duration, the latest records) is shown above the alarms, from the queries of
   * REMEDIATION_QUERIES.
   * @default - no responder widgets
   */
  readonly remediationLog?: logs.ILogGroup;
  /**
   * The count of failed records (RecordAlarms' metric filter), graphed next to the failures.
   * Needs `remediationLog`.
   * @default - no metric widget
   */
  readonly failedRecordsMetric?: cloudwatch.IMetric;
  /**
   * Where the same queries are saved in Logs Insights, named in the responders' header.
   * Needs `remediationLog`.
   * @default - the header names no folder
   */
  readonly savedQueriesFolder?: string;
}

const FULL_WIDTH = 24;

/**
 * What the responders did (from the remediation log), then the state of every alarm of a
 * deployment, one row per severity. Alarms are imported by ARN (built from their names), so the
 * dashboard needs no reference to the stacks that create them.
 */
export class AlertDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: AlertDashboardProps) {
    super(scope, id);
    const perWidget = props.alarmsPerWidget ?? 100;
    const problems: string[] = [];
    if (!Number.isInteger(perWidget) || perWidget < 1) problems.push(`alarmsPerWidget must be a positive integer (received ${perWidget})`);
    if (!props.remediationLog) {
      if (props.failedRecordsMetric) problems.push('failedRecordsMetric needs remediationLog (received no remediationLog): pass both, or neither');
      if (props.savedQueriesFolder !== undefined) problems.push(`savedQueriesFolder needs remediationLog (received "${props.savedQueriesFolder}" without one): pass both, or neither`);
    }
    if (problems.length > 0) throw new Error(`AlertDashboard: ${problems.join('; ')}`);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
    // An operator opens the dashboard to see what the robot did: that comes first.
    if (props.remediationLog) {
      for (const row of responderRows(props.remediationLog, props.failedRecordsMetric, props.savedQueriesFolder)) this.dashboard.addWidgets(...row);
    }
    if (props.alarmDashboards && props.alarmDashboards.length > 0) this.dashboard.addWidgets(dashboardLinks(props.alarmDashboards));
    for (const severity of SEVERITY_IDS) {
      const mine = props.alarms.filter((a) => a.severity === severity);
      if (mine.length === 0) continue;
      const chunks = chunk(mine, perWidget);
      const widgets = chunks.map((alarms, i) => {
        const title = `${severity} ${SEVERITIES[severity].label}${chunks.length > 1 ? ` (${i + 1}/${chunks.length})` : ''}: ${alarms.length} alarms`;
        return new cloudwatch.AlarmStatusWidget({
          title,
          alarms: alarms.map((a) => this.importAlarm(a)),
          width: FULL_WIDTH,
          // One row of tiles per six alarms, as the console lays them out at full width.
          height: Math.min(2 + Math.ceil(alarms.length / 6), 20),
          sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
        });
      });
      this.dashboard.addWidgets(...widgets);
    }
  }

  private importAlarm(alarm: DashboardAlarm): cloudwatch.IAlarm {
    const arn = Stack.of(this).formatArn({
      service: 'cloudwatch',
      region: alarm.region,
      resource: 'alarm',
      resourceName: alarm.name,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    return cloudwatch.Alarm.fromAlarmArn(this, alarm.name, arn);
  }
}

const THIRD = FULL_WIDTH / 3;
const HALF = FULL_WIDTH / 2;

/** The responder widgets, one array per dashboard row; every log widget runs a saved query. */
function responderRows(logGroup: logs.ILogGroup, failedRecords: cloudwatch.IMetric | undefined, folder: string | undefined): cloudwatch.IWidget[][] {
  const logWidget = (id: RemediationQueryId, view: cloudwatch.LogQueryVisualizationType, width: number, height = 6) =>
    new cloudwatch.LogQueryWidget({
      title: REMEDIATION_QUERIES[id].title,
      logGroupNames: [logGroup.logGroupName],
      queryString: REMEDIATION_QUERIES[id].query.toString(),
      view,
      width,
      height,
    });
  const { BAR, LINE, TABLE } = cloudwatch.LogQueryVisualizationType;
  const counts = failedRecords ? THIRD : HALF;
  return [
    [
      new cloudwatch.TextWidget({
        markdown:
          '## What the responders did\nOne record per notification in the remediation log.' +
          (folder ? ` The same queries are saved in Logs Insights under \`${folder}/\`.` : ''),
        width: FULL_WIDTH,
        height: 2,
      }),
    ],
    [
      logWidget('recordsByDecision', BAR, counts),
      logWidget('failureCounts', BAR, counts),
      ...(failedRecords ? [new cloudwatch.GraphWidget({ title: 'Failed records', left: [failedRecords], width: THIRD, height: 6 })] : []),
    ],
    [logWidget('duration', LINE, HALF), logWidget('failuresAndEscalations', TABLE, HALF)],
    [logWidget('fixScore', TABLE, FULL_WIDTH)],
    [logWidget('latestRecords', TABLE, FULL_WIDTH, 8)],
    [new cloudwatch.TextWidget({ markdown: '## Alarms by severity', width: FULL_WIDTH, height: 1 })],
  ];
}

/** CloudWatch's limit on a dashboard's widgets ("an array of between 0 and 100 widget objects", Dashboard Body Structure and Syntax). */
export const MAX_WIDGETS_PER_DASHBOARD = 100;

/** A table of links to the dashboards that hold the alarms, in the console's `#dashboards:name=` form. */
function dashboardLinks(dashboards: readonly LinkedDashboard[]): cloudwatch.TextWidget {
  const total = dashboards.reduce((n, d) => n + d.alarms, 0);
  const rows = dashboards.map((d) => `| [${d.title}](#dashboards:name=${d.dashboardName}) | ${d.alarms} |`);
  return new cloudwatch.TextWidget({
    markdown: [`${total} alarms, on ${dashboards.length} dashboards:`, '', '| dashboard | alarms |', '|---|---|', ...rows].join('\n'),
    width: FULL_WIDTH,
    height: Math.min(2 + Math.ceil(dashboards.length / 2), 40),
  });
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
