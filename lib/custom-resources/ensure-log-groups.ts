/**
 * The handler of the `Custom::EnsureLogGroups` resource: makes sure the log groups a stack's
 * metric filters read exist before CloudFormation creates the filters (a Lambda function's
 * `/aws/lambda/<name>` appears only after its first invocation, and a filter on a missing group
 * fails the deploy). Bundled on its own by esbuild; no CDK import.
 *
 * - A group this app owns (the remediation log) gets its retention and key on every deploy, so it
 *   is adopted again after `cdk destroy` left it in place.
 * - A group the app does not own gets the configured retention and key only when this handler
 *   creates it; an existing group is left as its owner set it.
 * - Nothing is ever deleted: on stack delete the groups and their events stay.
 */
import {
  AssociateKmsKeyCommand,
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  PutRetentionPolicyCommand,
  ResourceAlreadyExistsException,
} from '@aws-sdk/client-cloudwatch-logs';
import * as z from 'zod';

/** CloudFormation passes custom resource properties as strings. */
const logGroupSchema = z
  .object({
    Name: z.string().min(1).max(512),
    RetentionInDays: z.coerce.number().int().positive(),
    KmsKeyArn: z.string().startsWith('arn:').optional(),
    Owned: z.enum(['true', 'false']),
  })
  .strict();

const propertiesSchema = z.object({ ServiceToken: z.string(), LogGroups: z.array(logGroupSchema) }).strict();

export const eventSchema = z.object({
  RequestType: z.enum(['Create', 'Update', 'Delete']),
  ResponseURL: z.url({ protocol: /^https?$/ }),
  StackId: z.string(),
  RequestId: z.string(),
  LogicalResourceId: z.string(),
  PhysicalResourceId: z.string().optional(),
  ResourceProperties: z.unknown(),
});
export type EnsureLogGroupsEvent = z.infer<typeof eventSchema>;

/** What happened to each group, for the resource's log and tests. */
export type GroupOutcome = 'created' | 'existing' | 'adopted';

export interface EnsureResult {
  readonly physicalResourceId: string;
  readonly outcomes: Readonly<Record<string, GroupOutcome>>;
}

/** Creates what is missing, in order; AWS allows few CreateLogGroup calls per second, and the SDK retries throttling. */
export async function ensureLogGroups(event: EnsureLogGroupsEvent, client: CloudWatchLogsClient): Promise<EnsureResult> {
  const physicalResourceId = event.PhysicalResourceId ?? `${event.LogicalResourceId}-log-groups`;
  if (event.RequestType === 'Delete') return { physicalResourceId, outcomes: {} };
  const parsed = propertiesSchema.safeParse(event.ResourceProperties);
  if (!parsed.success) throw new Error(`invalid ResourceProperties: ${z.prettifyError(parsed.error)}`);
  const outcomes: Record<string, GroupOutcome> = {};
  for (const group of parsed.data.LogGroups) {
    const logGroupName = group.Name;
    let created = true;
    try {
      await client.send(new CreateLogGroupCommand({ logGroupName, kmsKeyId: group.KmsKeyArn }));
    } catch (err) {
      if (!(err instanceof ResourceAlreadyExistsException)) throw err;
      created = false;
    }
    if (created || group.Owned === 'true') {
      await client.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: group.RetentionInDays }));
      if (!created && group.KmsKeyArn) await client.send(new AssociateKmsKeyCommand({ logGroupName, kmsKeyId: group.KmsKeyArn }));
    }
    outcomes[logGroupName] = created ? 'created' : group.Owned === 'true' ? 'adopted' : 'existing';
  }
  return { physicalResourceId, outcomes };
}

/** The body CloudFormation expects at the pre-signed ResponseURL. */
export function responseBody(event: EnsureLogGroupsEvent, outcome: { ok: true; result: EnsureResult } | { ok: false; reason: string }): string {
  const physicalResourceId = outcome.ok ? outcome.result.physicalResourceId : (event.PhysicalResourceId ?? `${event.LogicalResourceId}-log-groups`);
  return JSON.stringify({
    Status: outcome.ok ? 'SUCCESS' : 'FAILED',
    // CloudFormation shows the reason in the stack events; it allows 4 KB of response in all.
    Reason: outcome.ok ? 'ok' : outcome.reason.slice(0, 1000),
    PhysicalResourceId: physicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    NoEcho: false,
  });
}
