import type { KillSwitchReading } from '../../../lambdas/core/mode';
import { decideMode } from '../../../lambdas/pipeline/mode';

const P = '/ar/mode';
const on = (state: 'enforce' | 'dry-run' | 'off'): KillSwitchReading => ({ state, parameter: P });

describe('decideMode', () => {
  it('runs as asked when the switch says enforce, or when there is no reading', () => {
    expect(decideMode('enforce', on('enforce'))).toEqual({ mode: 'enforce' });
    expect(decideMode('dry-run', on('enforce'))).toEqual({ mode: 'dry-run' });
    expect(decideMode('enforce')).toEqual({ mode: 'enforce' });
  });

  it('plans only when the switch says dry-run, and says why', () => {
    for (const requested of ['enforce', 'dry-run'] as const) {
      expect(decideMode(requested, on('dry-run'))).toEqual({ mode: 'dry-run', dryRunReason: 'kill switch /ar/mode is "dry-run"' });
    }
  });

  it('keeps the mode but halts every action when the switch is off', () => {
    const halt = { reason: 'kill switch /ar/mode is "off": automatic actions are stopped; people decide' };
    expect(decideMode('enforce', on('off'))).toEqual({ mode: 'enforce', halt });
    expect(decideMode('dry-run', on('off'))).toEqual({ mode: 'dry-run', halt });
  });

  it.each([
    ['ENFORCE', '"ENFORCE"'],
    ['x'.repeat(60), JSON.stringify('x'.repeat(40))],
  ])('fails safe to dry-run on the unknown value %j', (value, shown) => {
    expect(decideMode('enforce', { state: 'invalid', parameter: P, value })).toEqual({
      mode: 'dry-run',
      dryRunReason: `kill switch /ar/mode holds ${shown}, not one of enforce, dry-run, off: planning only (dry-run)`,
    });
    expect(decideMode('enforce', { state: 'invalid', parameter: P, value: undefined }).dryRunReason).toContain('holds no value');
  });

  it('fails safe to dry-run when the switch cannot be read', () => {
    expect(decideMode('enforce', { state: 'unreadable', parameter: P, error: 'AccessDeniedException: no' })).toEqual({
      mode: 'dry-run',
      dryRunReason: 'kill switch /ar/mode could not be read (AccessDeniedException: no): planning only (dry-run)',
    });
  });

  it('only plans in the local dry run, which has no switch to name', () => {
    expect(decideMode('enforce', { state: 'local' })).toEqual({ mode: 'dry-run' });
  });
});
