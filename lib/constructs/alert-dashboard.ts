import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { SEVERITIES, SEVERITY_IDS, type Severity } from '../catalogue';

/** An alarm the dashboard shows: found by its deterministic name, so no stack references it. */
export interface DashboardAlarm {
  readonly name: string;
  readonly severity: Severity;
  /** The region the alarm lives in. */
  readonly region: string;
}

export interface AlertDashboardProps {
  /** The dashboard's name. */
  readonly dashboardName: string;
  /** The alarms to show, grouped by severity. */
  readonly alarms: readonly DashboardAlarm[];
  /**
   * The most alarms one status widget shows; more are split over several widgets.
   * @default 100
   */
  readonly alarmsPerWidget?: number;
}

const FULL_WIDTH = 24;

/**
 * The state of every alarm of a deployment, one row per severity. Alarms are imported by ARN
 * (built from their names), so the dashboard needs no reference to the stacks that create them.
 */
export class AlertDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: AlertDashboardProps) {
    super(scope, id);
    const perWidget = props.alarmsPerWidget ?? 100;
    if (!Number.isInteger(perWidget) || perWidget < 1) {
      throw new Error(`AlertDashboard: alarmsPerWidget must be a positive integer (received ${perWidget})`);
    }
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: props.dashboardName });
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

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
