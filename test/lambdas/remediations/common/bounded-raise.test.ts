import { boundedRaise, limitedBySuffix } from '../../../../lambdas/remediations/common/bounded-raise';

const cap = { value: 10, name: 'the cap (10)' };
const aws = { value: 10, name: 'the AWS maximum (10)' };

describe('boundedRaise', () => {
  it('raises to the wanted value when no limit is lower', () => {
    const raise = boundedRaise(2, 4, [cap]);

    expect(raise).toEqual({ kind: 'raise', value: 4 });
    expect(raise.kind === 'raise' && limitedBySuffix(raise)).toBe('');
  });

  it('raises to the wanted value when it equals the lowest limit, without naming a limit', () => {
    expect(boundedRaise(5, 10, [cap])).toEqual({ kind: 'raise', value: 10 });
  });

  it('stops at the lowest limit and names it', () => {
    const low = { value: 7, name: 'the low one (7)' };
    const raise = boundedRaise(4, 16, [cap, low]);

    expect(raise).toEqual({ kind: 'raise', value: 7, limitedBy: low });
    expect(raise.kind === 'raise' && limitedBySuffix(raise)).toBe(' (limited by the low one (7))');
  });

  it('names the first of tied limits, so the configured cap wins over AWS', () => {
    expect(boundedRaise(10, 20, [cap, aws])).toEqual({ kind: 'at-limit', limit: cap });
    expect(boundedRaise(10, 20, [aws, cap])).toEqual({ kind: 'at-limit', limit: aws });
  });

  it('reports at-limit when the current value is already above a lowered limit', () => {
    expect(boundedRaise(12, 24, [cap])).toEqual({ kind: 'at-limit', limit: cap });
  });

  it('raises without limits', () => {
    expect(boundedRaise(1, 2, [])).toEqual({ kind: 'raise', value: 2 });
  });
});
