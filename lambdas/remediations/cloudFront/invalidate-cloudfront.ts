import { createHash } from 'node:crypto';
import { CreateInvalidationCommand, GetDistributionCommand } from '@aws-sdk/client-cloudfront';
import type { Alarm } from '../../core/alarm';
import { object, str } from '../../core/params';
import { defineRemediation } from '../../core/remediation';
import type { State } from '../../core/state';
import { awsCall } from '../../runtime/aws-call';
import { cloudfrontClient } from '../../runtime/clients/cloudfront';

export const INVALIDATION_PATH = '/*';

/**
 * One reference per alarm state change: CloudFront returns the existing invalidation for a
 * repeated CallerReference, so a redelivered notification or a retried call creates no second
 * invalidation. Hashed because alarm names may be long; CloudFront allows at most 128 characters.
 */
export function invalidationCallerReference(alarm: Alarm): string {
  const source = `${alarm.arn ?? alarm.name}:${alarm.stateChangeTime.toISOString()}`;
  return `alert-responder-${createHash('sha256').update(source).digest('hex')}`;
}

export const invalidateCloudfront = defineRemediation({
  id: 'invalidate-cloudfront',
  targetType: 'cloudFront',
  params: object({ distributionId: str(), callerReference: str() }),

  async plan(ctx) {
    const distributionId = ctx.target.props.distributionId;
    const base = { remediation: 'invalidate-cloudfront', resource: distributionId } as const;
    const { Distribution: distribution } = await awsCall(ctx.calls, 'cloudfront', 'GetDistribution', () =>
      cloudfrontClient().send(new GetDistributionCommand({ Id: distributionId })),
      { mutating: false },
    );
    const enabled = distribution?.DistributionConfig?.Enabled ?? false;
    const before: State = {
      status: distribution?.Status ?? 'unknown',
      enabled,
      domainName: distribution?.DomainName ?? null,
      invalidationsInProgress: distribution?.InProgressInvalidationBatches ?? null,
    };
    if (!enabled) {
      return { ...base, kind: 'no-op', before, reason: 'distribution is disabled: it serves nothing to invalidate' };
    }
    return {
      ...base,
      kind: 'change',
      summary: `invalidate ${INVALIDATION_PATH} on CloudFront distribution ${distributionId}`,
      before,
      after: { invalidatedPaths: [INVALIDATION_PATH] },
      params: { distributionId, callerReference: invalidationCallerReference(ctx.alarm) },
    };
  },

  async apply({ distributionId, callerReference }, ctx) {
    const { Invalidation: invalidation } = await awsCall(ctx.calls, 'cloudfront', 'CreateInvalidation', () =>
      cloudfrontClient().send(
        new CreateInvalidationCommand({
          DistributionId: distributionId,
          InvalidationBatch: { Paths: { Quantity: 1, Items: [INVALIDATION_PATH] }, CallerReference: callerReference },
        }),
      ),
      { mutating: true, idempotent: true },
    );
    const invalidationId = invalidation?.Id ?? null;
    return {
      after: { invalidationId, status: invalidation?.Status ?? null },
      summary: `invalidation ${invalidationId ?? '(id not returned)'} of ${INVALIDATION_PATH} on ${distributionId}`,
    };
  },
});
