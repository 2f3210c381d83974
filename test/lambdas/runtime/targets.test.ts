import { DEFAULT_CAPS, decodeResponderTargets, decodeTargets, encodeTargets, parseTarget, TARGET_TYPES, type Target } from '../../../lib/catalogue';
import { plannedKinds } from '../../../lib/deployment';
import { readCaps, readTargets } from '../../../lambdas/runtime/targets';
import { defaultPlan } from '../../helpers/responder-settings';

/** What the CDK app writes, as the responder reads it from its environment. */
const written = (targets: readonly Target[]): unknown => JSON.parse(encodeTargets(targets, DEFAULT_CAPS));

const read = (json: unknown, system = 'rung') => {
  const r = readTargets(json, DEFAULT_CAPS, system);
  if (!r.ok) throw new Error(`${r.path} must be ${r.expected}, got ${JSON.stringify(r.received)}`);
  return r.value.targets;
};

/** The one target type the default configuration has none of. */
const topic = parseTarget('snsTopic', { name: 'orders-events' }, { key: 'orders-events', system: 'rung', caps: DEFAULT_CAPS, guarded: [] });

describe('readTargets', () => {
  const systems = defaultPlan().systems;

  it.each(systems.map((s) => [s.id, s.targets] as const))('reads what the catalogue decodes, for system %s', (system, targets) => {
    const json = encodeTargets(targets, DEFAULT_CAPS);
    expect(read(JSON.parse(json), system)).toEqual(decodeTargets(json, DEFAULT_CAPS, system));
  });

  it.each(systems.map((s) => [s.id, s] as const))('reads the alert kinds planned on each target as the catalogue decodes them, for system %s', (system, plan) => {
    const json = encodeTargets(plan.targets, DEFAULT_CAPS, plannedKinds(plan.alarms));
    const r = readTargets(JSON.parse(json), DEFAULT_CAPS, system);
    const decoded = decodeResponderTargets(json, DEFAULT_CAPS, system);
    expect(r.ok && r.value.planned).toEqual(decoded.planned);
    // Not vacuous: the default configuration plans alarms on some target of every system.
    expect([...decoded.planned.values()].some((kinds) => kinds.size > 0)).toBe(true);
  });

  it('covers every target type between the default configuration and this test', () => {
    const types = new Set([...systems.flatMap((s) => s.targets.map((t) => t.type)), topic.type]);
    expect([...types].sort()).toEqual([...TARGET_TYPES].sort());
    const json = encodeTargets([topic], DEFAULT_CAPS);
    expect(read(JSON.parse(json))).toEqual(decodeTargets(json, DEFAULT_CAPS, 'rung'));
  });

  it('applies a target\'s own caps over the responder\'s', () => {
    const raised = { ...topic, caps: { ...DEFAULT_CAPS, maxDesiredCount: 42 } };
    expect(read(written([raised])).get('orders-events')?.caps).toEqual({ ...DEFAULT_CAPS, maxDesiredCount: 42 });
  });

  it.each([
    ['not a list', { t: 'snsTopic' }, 'AR_TARGETS', 'a list of targets'],
    ['an unknown type', [{ t: 'queue', k: 'q', p: {} }], 'AR_TARGETS[0].t', 'lambda or dynamodb'],
    ['props of the wrong shape', [{ t: 'rds', k: 'db', p: { instanceId: 'db', maxConnections: '100' } }], 'AR_TARGETS[0].p.maxConnections', 'a positive integer'],
    ['a cap that is not a count', [{ t: 'snsTopic', k: 't', p: { name: 't' }, c: { maxDesiredCount: -1 } }], 'AR_TARGETS[0].c.maxDesiredCount', 'a positive integer'],
    ['an unknown guarded remediation', [{ t: 'snsTopic', k: 't', p: { name: 't' }, g: ['delete-everything'] }], 'AR_TARGETS[0].g[0]', 'raise-provisioned-concurrency'],
    ['an unknown planned alert kind', [{ t: 'snsTopic', k: 't', p: { name: 't' }, a: ['lunar-eclipse'] }], 'AR_TARGETS[0].a[0]', 'high-latency'],
    ['allowed CIDRs that are not a list', [{ t: 'logGroup', k: 'l', p: { logGroupName: 'g', alert: 'auth-failures', sourceIpField: 'ip', wafIpSet: { name: 'n', id: 'i', scope: 'REGIONAL', allowCidrs: '10.0.0.0/8' } } }], 'AR_TARGETS[0].p.wafIpSet.allowCidrs', 'a list of CIDR ranges'],
    ['a backend that is not among the targets', [{ t: 'snsTopic', k: 't', p: { name: 't' }, b: ['gone'] }], 'AR_TARGETS[0].b', 'keys of targets'],
  ])('names the field of %s', (_label, json, path, expected) => {
    const r = readTargets(json, DEFAULT_CAPS, 'rung');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.path).toBe(path);
    expect(r.expected).toContain(expected);
  });
});

describe('readCaps', () => {
  it('reads every cap', () => {
    expect(readCaps(JSON.parse(JSON.stringify(DEFAULT_CAPS)))).toEqual({ ok: true, value: DEFAULT_CAPS });
  });

  it('names a missing cap', () => {
    const { maxMemoryMb: _dropped, ...rest } = DEFAULT_CAPS;
    expect(readCaps(rest)).toMatchObject({ ok: false, path: 'AR_CAPS.maxMemoryMb', expected: 'a positive integer' });
  });
});
