import { CloudFrontClient, CreateInvalidationCommand, GetDistributionCommand, type Distribution } from '@aws-sdk/client-cloudfront';
import { mockClient } from 'aws-sdk-client-mock';
import { retryPolicy } from '../../../../lambdas/runtime/aws-call';
import { invalidateCloudfront, invalidationCallerReference } from '../../../../lambdas/remediations/cloudFront/invalidate-cloudfront';
import { awsError, cloudFrontTarget, expectChange, expectNoOp, expectOnlyReads, serviceContext } from '../service-fixtures';
import { applyChange } from '../apply-within-applies';

const cfMock = mockClient(CloudFrontClient);

function distribution(enabled: boolean): Distribution {
  return {
    Id: 'E1234567890',
    ARN: 'arn:aws:cloudfront::123456789012:distribution/E1234567890',
    Status: 'Deployed',
    DomainName: 'd111111abcdef8.cloudfront.net',
    LastModifiedTime: new Date('2025-01-01T00:00:00Z'),
    InProgressInvalidationBatches: 0,
    ActiveTrustedSigners: undefined,
    DistributionConfig: { Enabled: enabled, CallerReference: 'x', Comment: '', Origins: undefined, DefaultCacheBehavior: undefined },
  };
}

const ctx = () => serviceContext(cloudFrontTarget(), 'frontend-errors');

beforeEach(() => {
  cfMock.reset();
  retryPolicy.baseDelayMs = 0;
});

describe('invalidate-cloudfront plan', () => {
  it('plans an invalidation of /* with a caller reference derived from the alarm, without changing anything', async () => {
    cfMock.on(GetDistributionCommand, { Id: 'E1234567890' }).resolves({ Distribution: distribution(true) });
    const c = ctx();
    const plan = expectChange(await invalidateCloudfront.plan(c));
    expect(plan.before).toEqual({ status: 'Deployed', enabled: true, domainName: 'd111111abcdef8.cloudfront.net', invalidationsInProgress: 0 });
    expect(plan.params).toEqual({ distributionId: 'E1234567890', callerReference: invalidationCallerReference(c.alarm) });
    expectOnlyReads(c);
    expect(cfMock).not.toHaveReceivedCommand(CreateInvalidationCommand);
  });

  it('derives the same caller reference for a redelivered notification and a new one for a new state change', () => {
    const { alarm } = ctx();
    const ref = invalidationCallerReference(alarm);
    expect(ref).toBe(invalidationCallerReference({ ...alarm }));
    expect(ref.length).toBeLessThanOrEqual(128);
    expect(invalidationCallerReference({ ...alarm, stateChangeTime: new Date('2026-03-02T00:00:00Z') })).not.toBe(ref);
    expect(invalidationCallerReference({ ...alarm, name: 'x'.repeat(255), arn: undefined }).length).toBeLessThanOrEqual(128);
  });

  it('does nothing for a disabled distribution', async () => {
    cfMock.on(GetDistributionCommand).resolves({ Distribution: distribution(false) });
    expect(expectNoOp(await invalidateCloudfront.plan(ctx())).reason).toBe('distribution is disabled: it serves nothing to invalidate');
  });

  it('fails when GetDistribution is denied, recording the failed call', async () => {
    cfMock.on(GetDistributionCommand).rejects(awsError('AccessDenied', 403));
    const c = ctx();
    await expect(invalidateCloudfront.plan(c)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(c.calls).toEqual([expect.objectContaining({ operation: 'GetDistribution', mutating: false, ok: false, attempts: 1 })]);
  });
});

describe('invalidate-cloudfront apply', () => {
  it('creates the invalidation with the planned caller reference', async () => {
    cfMock.on(GetDistributionCommand).resolves({ Distribution: distribution(true) });
    cfMock.on(CreateInvalidationCommand).resolves({ Invalidation: { Id: 'I2J0I21PCUYOIK', Status: 'InProgress', CreateTime: new Date(), InvalidationBatch: undefined } });
    const c = ctx();
    const plan = expectChange(await invalidateCloudfront.plan(c));
    const result = await applyChange(invalidateCloudfront, plan, c);
    expect(cfMock).toHaveReceivedCommandWith(CreateInvalidationCommand, {
      DistributionId: 'E1234567890',
      InvalidationBatch: { Paths: { Quantity: 1, Items: ['/*'] }, CallerReference: invalidationCallerReference(c.alarm) },
    });
    expect(result.after).toEqual({ invalidationId: 'I2J0I21PCUYOIK', status: 'InProgress' });
  });

  it('retries a throttled CreateInvalidation, which CloudFront de-duplicates by caller reference', async () => {
    cfMock.on(GetDistributionCommand).resolves({ Distribution: distribution(true) });
    cfMock.on(CreateInvalidationCommand).rejectsOnce(awsError('Throttling')).resolves({ Invalidation: undefined });
    const c = ctx();
    await applyChange(invalidateCloudfront, expectChange(await invalidateCloudfront.plan(c)), c);
    const refs = cfMock.commandCalls(CreateInvalidationCommand).map((call) => call.args[0].input.InvalidationBatch?.CallerReference);
    expect(refs).toEqual([invalidationCallerReference(c.alarm), invalidationCallerReference(c.alarm)]);
    expect(c.calls[1]).toMatchObject({ operation: 'CreateInvalidation', mutating: true, ok: true, attempts: 2 });
  });
});
