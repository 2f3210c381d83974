import type { RemediationId } from '../../../lib/catalogue';
import { REMEDIATION_REGISTRY } from '../../../lambdas/remediations/registry';
import type { AnyRemediation } from '../../../lambdas/core/remediation';

/**
 * Which remediations can be undone, decided one by one: a new remediation fails this test until
 * it is placed in one list or the other (and given an undo if it is reversible).
 */
const REVERSIBLE: readonly RemediationId[] = [
  'raise-provisioned-concurrency',
  'raise-reserved-concurrency',
  'double-lambda-memory',
  'double-lambda-timeout',
  'rollback-lambda-alias',
  'switch-dynamodb-on-demand',
  'scale-out-ecs-service',
  'raise-apprunner-max-size',
  'block-source-ips',
];

/** A reboot, a redeploy or a cache invalidation cannot be taken back: the record says so instead. */
const NOT_REVERSIBLE: readonly RemediationId[] = [
  'redeploy-ecs-service',
  'redeploy-apprunner-service',
  'reboot-rds-instance',
  'reboot-elasticache-cluster',
  'invalidate-cloudfront',
];

const entries: [string, AnyRemediation][] = Object.entries(REMEDIATION_REGISTRY);

describe('undo coverage', () => {
  it('gives an undo to exactly the reversible remediations', () => {
    const withUndo = entries.filter(([, r]) => r.undo !== undefined).map(([id]) => id);
    const withoutUndo = entries.filter(([, r]) => r.undo === undefined).map(([id]) => id);

    expect(withUndo.sort()).toEqual([...REVERSIBLE].sort());
    expect(withoutUndo.sort()).toEqual([...NOT_REVERSIBLE].sort());
  });

  it('registers each remediation under its own id', () => {
    for (const [id, remediation] of entries) expect(remediation.id).toBe(id);
  });
});
