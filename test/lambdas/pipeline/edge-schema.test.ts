import { array, object, optional, positiveInt, string, type Issue, type Shape } from '../../../lambdas/pipeline/edge-schema';

function issuesOf<T>(shape: Shape<T>, value: unknown): Issue[] {
  const issues: Issue[] = [];
  shape.read(value, [], issues);
  return issues;
}

describe('edge-schema', () => {
  const name = string({ test: (s) => s.length <= 3, message: 'too long' }, { test: (s) => !s.includes('\n'), message: 'has a newline' });

  it('runs every check of a value of the right type', () => {
    expect(issuesOf(name, 'ab\ncd').map((i) => i.code === 'check' && i.message)).toEqual(['too long', 'has a newline']);
  });

  it('checks a value of the wrong type no further, whatever its length', () => {
    expect(issuesOf(name, [])).toEqual([{ code: 'type', path: [], expected: 'string', input: [] }]);
    expect(issuesOf(array(string(), { count: 1, message: 'empty' }), '')).toEqual([{ code: 'type', path: [], expected: 'array', input: '' }]);
  });

  it('says a fraction is not a positive integer, in its own words', () => {
    const period = positiveInt('expected the period as a positive integer');
    expect(issuesOf(period, 1.5)).toEqual([{ code: 'check', path: [], message: 'expected the period as a positive integer', input: 1.5 }]);
    expect(issuesOf(period, 0)).toHaveLength(1);
    expect(issuesOf(period, 60)).toEqual([]);
  });

  it('lists a strict object\'s unknown keys once, after its fields\' issues', () => {
    const manual = object({ alarmName: string(), dryRun: optional(string()) }, 'reject');
    expect(issuesOf(manual, { alarmName: 1, force: true, target: 'x' }).map((i) => [i.code, i.path])).toEqual([
      ['type', ['alarmName']],
      ['unknown-keys', []],
    ]);
  });

  it('copies out only the shape\'s own fields', () => {
    const alarm = object({ AlarmName: string() });
    const input: unknown = JSON.parse('{"AlarmName":"a","__proto__":{"polluted":true},"NewField":1}');
    const read = alarm.read(input, [], []);
    expect(read).toEqual({ ok: true, value: { AlarmName: 'a' } });
    expect(read.ok && Object.getPrototypeOf(read.value)).toBe(Object.prototype);
  });

  it('gives each issue the path of the value it is about', () => {
    const shape = object({ Metrics: array(object({ Id: string() })) });
    expect(issuesOf(shape, { Metrics: [{ Id: 'm1' }, { Id: 2 }] })).toEqual([{ code: 'type', path: ['Metrics', 1, 'Id'], expected: 'string', input: 2 }]);
  });
});
