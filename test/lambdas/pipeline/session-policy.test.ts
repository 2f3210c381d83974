import { REMEDIATIONS, REMEDIATION_IDS, type RemediationId, type Target } from '../../../lib/catalogue';
import { sessionPolicyFor, SessionPolicyError, type ArnSettings } from '../../../lambdas/pipeline/session-policy';
import { lambdaTarget } from '../remediations/fixtures';
import { appRunnerTarget, cloudFrontTarget, dynamodbTarget, ecsTarget, elastiCacheTarget, logGroupTarget, rdsTarget } from '../remediations/service-fixtures';

const SETTINGS: ArnSettings = { partition: 'aws', account: '123456789012', region: 'eu-west-1' };

/** One target of each type the catalogue acts on. */
const TARGETS: Readonly<Record<Target['type'], Target>> = {
  lambda: lambdaTarget(),
  dynamodb: dynamodbTarget(),
  ecs: ecsTarget(),
  appRunner: appRunnerTarget(),
  rds: rdsTarget(),
  elastiCache: elastiCacheTarget(),
  cloudFront: cloudFrontTarget(),
  logGroup: logGroupTarget(),
  // Types no remediation acts on: never asked for below.
} as Readonly<Record<Target['type'], Target>>;

const plan = (remediation: RemediationId) => ({ remediation });

describe('sessionPolicyFor', () => {
  it('allows raise-reserved-concurrency only PutFunctionConcurrency on that one function, nothing else', () => {
    const policy = sessionPolicyFor(plan('raise-reserved-concurrency'), lambdaTarget({ props: { name: 'checkout', alias: undefined } }), SETTINGS);

    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['lambda:PutFunctionConcurrency'], Resource: ['arn:aws:lambda:eu-west-1:123456789012:function:checkout'] }],
    });
  });

  it('scopes a call with a qualifier to the configured alias only', () => {
    const policy = sessionPolicyFor(plan('raise-provisioned-concurrency'), lambdaTarget({ props: { name: 'checkout', alias: 'live' } }), SETTINGS);

    expect(policy.Statement).toEqual([
      { Effect: 'Allow', Action: ['lambda:PutProvisionedConcurrencyConfig'], Resource: ['arn:aws:lambda:eu-west-1:123456789012:function:checkout:live'] },
    ]);
  });

  it('gives a doubling without an alias no alias calls, and one through an alias the publish and the alias', () => {
    const unqualified = sessionPolicyFor(plan('double-lambda-memory'), lambdaTarget({ props: { name: 'f', alias: undefined } }), SETTINGS);
    expect(unqualified.Statement.flatMap((s) => s.Action)).toEqual(['lambda:GetFunctionConfiguration', 'lambda:UpdateFunctionConfiguration']);

    const aliased = sessionPolicyFor(plan('double-lambda-memory'), lambdaTarget({ props: { name: 'f', alias: 'live' } }), SETTINGS);
    const fn = 'arn:aws:lambda:eu-west-1:123456789012:function:f';
    expect(aliased.Statement).toEqual([
      { Effect: 'Allow', Action: ['lambda:PublishVersion', 'lambda:UpdateAlias', 'lambda:UpdateFunctionConfiguration'], Resource: [fn] },
      // The wait reads $LATEST; reading through the alias is the catalogue's declared grant too.
      { Effect: 'Allow', Action: ['lambda:GetFunctionConfiguration'], Resource: [fn, `${fn}:live`] },
    ]);
  });

  it('puts a CLOUDFRONT-scoped IP set in us-east-1 under global/, and CloudFront without a region', () => {
    const cloudFrontSet = logGroupTarget({ props: { wafIpSet: { name: 'edge', id: 'abc', scope: 'CLOUDFRONT' } } });
    expect(sessionPolicyFor(plan('block-source-ips'), cloudFrontSet, SETTINGS).Statement).toEqual([
      { Effect: 'Allow', Action: ['wafv2:GetIPSet', 'wafv2:UpdateIPSet'], Resource: ['arn:aws:wafv2:us-east-1:123456789012:global/ipset/edge/abc'] },
    ]);
    expect(sessionPolicyFor(plan('invalidate-cloudfront'), cloudFrontTarget(), SETTINGS).Statement[0]?.Resource).toEqual(['arn:aws:cloudfront::123456789012:distribution/E1234567890']);
  });

  it.each(REMEDIATION_IDS)('%s: allows only its apply actions, none on "*", within STS\'s 2,048 characters', (id) => {
    const policy = sessionPolicyFor(plan(id), TARGETS[REMEDIATIONS[id].acts], SETTINGS);
    const actions = new Set(policy.Statement.flatMap((s) => s.Action));

    expect([...actions].every((a) => (REMEDIATIONS[id].applies as readonly string[]).includes(a))).toBe(true);
    expect(policy.Statement.flatMap((s) => s.Resource)).not.toContain('*');
    expect(JSON.stringify(policy).length).toBeLessThanOrEqual(2048);
  });

  it('fails for a target of another type than the remediation acts on', () => {
    expect(() => sessionPolicyFor(plan('switch-dynamodb-on-demand'), lambdaTarget(), SETTINGS)).toThrow(SessionPolicyError);
  });

  it('fails when the target grants none of the apply actions (rollback without an alias)', () => {
    expect(() => sessionPolicyFor(plan('rollback-lambda-alias'), lambdaTarget({ props: { alias: undefined } }), SETTINGS)).toThrow(/grants none of its apply's actions/);
  });
});

/** Mutating actions a remediation declares for its undo only, never called by its apply. */
const UNDO_ONLY: Partial<Record<RemediationId, readonly string[]>> = {
  // A raise from none is undone by deleting the configuration (a configuration cannot hold 0).
  'raise-provisioned-concurrency': ['lambda:DeleteProvisionedConcurrencyConfig'],
};
const isRead = (action: string) => /^[a-z0-9-]+:(Get|Describe|List|Filter|Lookup|Search)/.test(action);

describe("the catalogue's applies", () => {
  it.each(REMEDIATION_IDS)('%s: every apply action is one of its declared permissions', (id) => {
    const declared = new Set<string>(REMEDIATIONS[id].permissions.flatMap((p) => [...p.actions]));
    expect(REMEDIATIONS[id].applies.filter((a) => !declared.has(a))).toEqual([]);
  });

  it.each(REMEDIATION_IDS)('%s: every mutating action it declares is in its applies, but for its undo-only ones', (id) => {
    const applies = new Set<string>(REMEDIATIONS[id].applies);
    const mutating = REMEDIATIONS[id].permissions.flatMap((p) => p.actions.filter((a) => !isRead(a)));
    expect(mutating.filter((a) => !applies.has(a))).toEqual(UNDO_ONLY[id] ?? []);
  });
});
