import type { KillSwitchReading } from '../../../lambdas/core/mode';
import { decideMode, isUnreadable } from '../../../lambdas/pipeline/mode';

const P = '/ar/mode';
const on = (state: 'enforce' | 'dry-run' | 'off'): KillSwitchReading => ({ state, parameter: P });
const STOPPED = ': automatic actions are stopped; people decide';

describe('decideMode', () => {
  it('runs as asked when the switch says enforce, or when there is no reading', () => {
    expect(decideMode('enforce', on('enforce'))).toEqual({ mode: 'enforce', publish: true });
    expect(decideMode('dry-run', on('enforce'), 'manual')).toEqual({ mode: 'dry-run', publish: false });
    expect(decideMode('enforce')).toEqual({ mode: 'enforce', publish: true });
  });

  it('plans only when the switch says dry-run, says why, and still publishes escalations of notifications', () => {
    expect(decideMode('enforce', on('dry-run'))).toEqual({ mode: 'dry-run', publish: true, dryRunReason: 'kill switch /ar/mode is "dry-run"' });
    expect(decideMode('enforce', on('dry-run'), 'manual')).toMatchObject({ mode: 'dry-run', publish: true });
  });

  it('publishes nothing for a person\'s own dry run, whatever the switch says', () => {
    for (const state of ['enforce', 'dry-run', 'off'] as const) expect(decideMode('dry-run', on(state), 'manual').publish).toBe(false);
  });

  it('keeps the mode but halts every action when the switch is off, and still publishes', () => {
    const halt = { reason: `kill switch /ar/mode is "off"${STOPPED}` };
    expect(decideMode('enforce', on('off'))).toEqual({ mode: 'enforce', publish: true, halt });
    expect(decideMode('dry-run', on('off'), 'manual')).toEqual({ mode: 'dry-run', publish: false, halt });
  });

  it.each([
    ['ENFORCE ', '"ENFORCE "'],
    ['x'.repeat(60), JSON.stringify('x'.repeat(40))],
  ])('treats the unknown value %j as off: halts, publishes, and counts as unreadable', (value, shown) => {
    const reading: KillSwitchReading = { state: 'invalid', parameter: P, value };
    expect(decideMode('enforce', reading)).toEqual({
      mode: 'enforce',
      publish: true,
      halt: { reason: `kill switch /ar/mode holds ${shown}, not one of enforce, dry-run, off${STOPPED}` },
    });
    expect(isUnreadable(reading)).toBe(true);
    expect(decideMode('enforce', { state: 'invalid', parameter: P, value: undefined }).halt?.reason).toContain('holds no value');
  });

  it('treats a switch that cannot be read (deleted, access denied) as off', () => {
    const reading: KillSwitchReading = { state: 'unreadable', parameter: P, error: 'ParameterNotFound: Parameter /ar/mode not found.' };
    expect(decideMode('enforce', reading)).toEqual({
      mode: 'enforce',
      publish: true,
      halt: { reason: `kill switch /ar/mode could not be read (ParameterNotFound: Parameter /ar/mode not found.)${STOPPED}` },
    });
    expect(isUnreadable(reading)).toBe(true);
    expect(isUnreadable(on('off'))).toBe(false);
  });

  it('only plans in the local dry run, which has no switch to name and publishes nothing', () => {
    expect(decideMode('enforce', { state: 'local' })).toEqual({ mode: 'dry-run', publish: false });
  });
});
