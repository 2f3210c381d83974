import type { Issue } from '../../../lambdas/pipeline/edge-schema';
import { verificationRequestSchema } from '../../../lambdas/pipeline/verification-request';

const REQUEST = {
  recordId: '0b7c1a52-3f7e-4b8e-9c35-6a1d2e4f5a6b',
  alarmName: 'ar-rung-high-latency-rung-api-prod',
  system: 'rung',
  family: 'lambda',
  appliedAt: '2026-11-23T03:13:00.000Z',
  summary: 'rung-api-prod:prod: provisioned concurrency 2 -> 4',
  resourceKey: 'rung-api-prod',
  deadline: '2026-11-23T03:14:00.000Z',
};

function issuesOf(value: unknown): Issue[] {
  const issues: Issue[] = [];
  verificationRequestSchema.read(value, [], issues);
  return issues;
}

describe('verificationRequestSchema', () => {
  it('reads what a responder schedules, the resource and the run\'s deadline included', () => {
    expect(verificationRequestSchema.read(REQUEST, [], [])).toEqual({ ok: true, value: REQUEST });
  });

  it('reads a request without a resource or deadline: both may be absent', () => {
    const { resourceKey: _r, deadline: _d, ...older } = REQUEST;
    expect(verificationRequestSchema.read(older, [], [])).toEqual({ ok: true, value: { ...older, resourceKey: undefined, deadline: undefined } });
  });

  it('fails naming each field that is wrong, and a field it does not know', () => {
    const issues = issuesOf({ ...REQUEST, recordId: '', resourceKey: 'k'.repeat(201), deadline: 1, applied: true });
    expect(issues.map((i) => [i.code, i.path.join('.'), i.code === 'check' ? i.message : i.code === 'unknown-keys' ? i.keys : undefined])).toEqual([
      ['check', 'recordId', 'expected a non-empty string'],
      ['check', 'resourceKey', 'expected at most 200 characters'],
      ['type', 'deadline', undefined],
      ['unknown-keys', '', ['applied']],
    ]);
  });
});
