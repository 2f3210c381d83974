import { bool, both, field, ifHas, int, list, nullable, num, object, oneOf, parse, ParamsError, record, str, strList, type Where } from '../../../lambdas/core/params';

const PLAN: Where = { source: 'plan', remediation: 'double-lambda-memory', resource: 'rung-api-prod', root: 'params' };
const RECORD: Where = { source: 'record', remediation: 'scale-out-ecs-service', resource: 'rung-prod/n8n' };

const memory = object({ functionName: str(), memoryMb: int() });

describe('parse', () => {
  it('reads strings and counts, and leaves other fields out', () => {
    expect(parse(memory, { functionName: 'rung-api-prod', memoryMb: 512, extra: true }, PLAN)).toEqual({ functionName: 'rung-api-prod', memoryMb: 512 });
  });

  it('fails naming the plan, the field and what it got when a string is missing or empty', () => {
    expect(() => parse(memory, { memoryMb: 512 }, PLAN)).toThrow(
      'plan of double-lambda-memory on rung-api-prod: params.functionName must be a non-empty string, got nothing',
    );
    expect(() => parse(memory, { functionName: '', memoryMb: 512 }, PLAN)).toThrow(
      'plan of double-lambda-memory on rung-api-prod: params.functionName must be a non-empty string, got ""',
    );
  });

  it.each([['512'], [-1], [1.5], [null]])('fails when a count is %p', (value) => {
    expect(() => parse(memory, { functionName: 'f', memoryMb: value }, PLAN)).toThrow(ParamsError);
  });

  it('says "nothing" when the field is absent, and keeps the parts of the error apart', () => {
    let error: unknown;
    try {
      parse(memory, { functionName: 'f' }, PLAN);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ParamsError);
    expect(error).toMatchObject({
      name: 'ParamsError',
      remediation: 'double-lambda-memory',
      resource: 'rung-api-prod',
      field: 'params.memoryMb',
      expected: 'a non-negative integer',
      received: 'nothing',
      message: 'plan of double-lambda-memory on rung-api-prod: params.memoryMb must be a non-negative integer, got nothing',
    });
  });

  it('names the nested field of a record, as an undo reads it', () => {
    const recorded = object({ params: object({ cluster: str() }), before: object({ desiredCount: int() }) });
    expect(() => parse(recorded, { params: { cluster: 'c' }, before: {} }, RECORD)).toThrow(
      'record of scale-out-ecs-service on rung-prod/n8n: before.desiredCount must be a non-negative integer, got nothing',
    );
  });

  it('names the item of a list that is wrong', () => {
    const indexes = object({ gsis: list(object({ indexName: str(), readCapacityUnits: int(1) }), 'a list of index capacities') });
    expect(() => parse(indexes, { gsis: [{ indexName: 'a', readCapacityUnits: 1 }, { indexName: 'b' }] }, RECORD)).toThrow(
      'gsis[1].readCapacityUnits must be a positive integer, got nothing',
    );
    expect(() => parse(indexes, { gsis: 'none' }, RECORD)).toThrow('gsis must be a list of index capacities, got "none"');
  });

  it('reads true and false, and nothing else, as a flag', () => {
    const settings = object({ containerInsights: bool() });
    expect(parse(settings, { containerInsights: false }, PLAN)).toEqual({ containerInsights: false });
    expect(() => parse(settings, { containerInsights: 'false' }, PLAN)).toThrow(/params\.containerInsights must be true or false, got "false"/);
  });

  it('reads lists of strings, choices, weights and nulls', () => {
    const schema = object({ ips: strList(), scope: oneOf('REGIONAL', 'CLOUDFRONT'), weights: record(num()), revision: nullable(str()) });
    expect(parse(schema, { ips: ['10.0.0.1/32', ''], scope: 'REGIONAL', weights: { '3': 0.1 }, revision: null }, PLAN)).toEqual({
      ips: ['10.0.0.1/32', ''],
      scope: 'REGIONAL',
      weights: { '3': 0.1 },
      revision: null,
    });
    expect(parse(schema, { ips: [], scope: 'CLOUDFRONT', weights: {} }, PLAN).revision).toBeNull();
    expect(() => parse(schema, { ips: [1], scope: 'REGIONAL', weights: {} }, PLAN)).toThrow('params.ips[0] must be a string, got 1');
    expect(() => parse(schema, { ips: [], scope: 'GLOBAL', weights: {} }, PLAN)).toThrow('params.scope must be REGIONAL or CLOUDFRONT, got "GLOBAL"');
    expect(() => parse(schema, { ips: [], scope: 'REGIONAL', weights: { '3': 'x' } }, PLAN)).toThrow('params.weights.3 must be a number, got "x"');
  });

  it('reads a field named by a value, both halves of an object, and the path a plan took', () => {
    const unqualified = both(object({ functionName: str() }), field('memoryMb', int()));
    const throughAlias = both(object({ functionName: str(), alias: str() }), field('memoryMb', int()));
    const either = ifHas('alias', throughAlias, unqualified);
    expect(parse(either, { functionName: 'f', memoryMb: 256 }, PLAN)).toEqual({ functionName: 'f', memoryMb: 256 });
    expect(parse(either, { functionName: 'f', alias: 'live', memoryMb: 256 }, PLAN)).toEqual({ functionName: 'f', alias: 'live', memoryMb: 256 });
    expect(() => parse(either, { functionName: 'f', alias: 'live' }, PLAN)).toThrow('params.memoryMb must be a non-negative integer');
    const nested = ifHas('params.alias', object({ params: object({ alias: str() }) }), object({ params: object({ functionName: str() }) }));
    expect(parse(nested, { params: { alias: 'live', functionName: 'f' } }, RECORD)).toEqual({ params: { alias: 'live' } });
    expect(parse(nested, { params: { functionName: 'f' } }, RECORD)).toEqual({ params: { functionName: 'f' } });
  });
});
