import { answerKey, parseSavedState, stateFileText, type SavedState } from '../../../lambdas/cli/saved-state';

const STATE: SavedState = {
  version: 1,
  capturedAt: new Date('2026-12-01T09:30:00.000Z'),
  config: 'config/default.json',
  answers: [
    {
      service: 'cloudwatch',
      operation: 'DescribeAlarms',
      input: { AlarmNames: ['a'] },
      output: { MetricAlarms: [{ AlarmName: 'a', StateTransitionedTimestamp: new Date('2026-12-01T09:26:00.000Z') }] },
    },
    { service: 'lambda', operation: 'GetAlias', input: { FunctionName: 'f', Name: 'live' }, error: { name: 'ResourceNotFoundException', message: 'Alias not found' } },
  ],
};

describe('saved state file', () => {
  it('gives back what was saved, times as Dates', () => {
    const text = stateFileText(STATE);
    expect(text).toContain('"$date": "2026-12-01T09:26:00.000Z"');
    expect(parseSavedState(text, 'state.json')).toEqual(STATE);
  });

  it('knows a call by its input whatever the key order', () => {
    expect(answerKey('lambda', 'GetAlias', { Name: 'live', FunctionName: 'f' })).toBe(answerKey('lambda', 'GetAlias', { FunctionName: 'f', Name: 'live' }));
    expect(answerKey('lambda', 'GetAlias', { FunctionName: 'f', Name: 'prod' })).not.toBe(answerKey('lambda', 'GetAlias', { FunctionName: 'f', Name: 'live' }));
  });

  it.each([
    ['is not JSON', '{oops', /^s\.json is not JSON: /],
    ['has another version', JSON.stringify({ version: 2, capturedAt: 'x', config: '', answers: [] }), /^s\.json is not a saved state: version must be 1, got 2$/],
    ['lacks an operation', JSON.stringify({ version: 1, capturedAt: '2026-12-01T09:30:00Z', config: '', answers: [{ service: 'lambda', input: {} }] }), /answers\[0\]\.operation must be a non-empty string, got nothing/],
    ['has a capture time that is no time', JSON.stringify({ version: 1, capturedAt: 'yesterday', config: '', answers: [] }), /capturedAt must be an ISO 8601 time, got "yesterday"/],
    ['holds a $date that is no time', JSON.stringify({ version: 1, capturedAt: '2026-12-01T09:30:00Z', config: '', answers: [{ service: 'a', operation: 'B', input: { At: { $date: 'soon' } } }] }), /"soon" is not a time/],
  ])('fails when the file %s, naming what is wrong', (_, text, message) => {
    expect(() => parseSavedState(text, 's.json')).toThrow(message);
  });
});
