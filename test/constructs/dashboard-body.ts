import type { Template } from 'aws-cdk-lib/assertions';

/** One widget of a dashboard body, as CloudWatch reads it. */
export interface DashboardWidget {
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: {
    readonly title?: string;
    readonly view?: string;
    readonly query?: string;
    readonly markdown?: string;
    readonly metrics?: unknown[];
  };
}

/** Marks where the body refers to a resource: `{{Ref:LogicalId}}`. */
export const refMarker = (logicalId: string): string => `{{Ref:${logicalId}}}`;

/**
 * The widgets of the template's only dashboard. The body is an Fn::Join of JSON fragments and
 * references; each reference becomes a marker (no quote or backslash, so the JSON stays valid).
 */
export function dashboardWidgets(template: Template): DashboardWidget[] {
  const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as Array<{ Properties: { DashboardBody: unknown } }>;
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0].Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  const text =
    typeof body === 'string'
      ? body
      : body['Fn::Join'][1]
          .map((part) => {
            if (typeof part === 'string') return part;
            const ref = (part as { Ref?: unknown }).Ref;
            if (typeof ref === 'string') return refMarker(ref);
            throw new Error(`Unexpected part of the dashboard body: ${JSON.stringify(part)}`);
          })
          .join(body['Fn::Join'][0]);
  return (JSON.parse(text) as { widgets: DashboardWidget[] }).widgets;
}
