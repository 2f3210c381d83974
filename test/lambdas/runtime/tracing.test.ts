import type { MiddlewareObj } from '@middy/core';
import { tracingWanted } from '../../../lambdas/runtime/tracing';

type TracingModule = typeof import('../../../lambdas/runtime/tracing');

const IN_LAMBDA = { AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x' };

describe('tracingWanted', () => {
  it.each([
    ['in Lambda, by default', IN_LAMBDA, true],
    ['in Lambda, POWERTOOLS_TRACE_ENABLED=true', { ...IN_LAMBDA, POWERTOOLS_TRACE_ENABLED: 'true' }, true],
    ['POWERTOOLS_TRACE_ENABLED=false', { ...IN_LAMBDA, POWERTOOLS_TRACE_ENABLED: 'false' }, false],
    ['POWERTOOLS_TRACE_ENABLED=FALSE', { ...IN_LAMBDA, POWERTOOLS_TRACE_ENABLED: 'FALSE' }, false],
    ['outside Lambda', {}, false],
    ['in SAM local', { ...IN_LAMBDA, AWS_SAM_LOCAL: 'true' }, false],
    ['in the Amplify mock', { AWS_EXECUTION_ENV: 'AWS_Lambda_amplify-mock' }, false],
  ])('%s: %s', (_label, env, wanted) => {
    expect(tracingWanted(env)).toBe(wanted);
  });
});

describe('captureLambdaHandler', () => {
  const saved = { ...process.env };
  let tracerModuleLoads: number;
  let annotateColdStart: jest.SpyInstance | undefined;

  /** A fresh copy of tracing.ts (its Tracer is once per container), counting loads of the Tracer package. */
  function freshTracing(env: Record<string, string>): TracingModule {
    for (const key of ['AWS_EXECUTION_ENV', 'AWS_SAM_LOCAL', 'POWERTOOLS_TRACE_ENABLED']) delete process.env[key];
    // The real Tracer would patch Node's http for every later test in this worker.
    Object.assign(process.env, { POWERTOOLS_TRACER_CAPTURE_HTTPS_REQUESTS: 'false', ...env });
    let loaded: TracingModule | undefined;
    jest.isolateModules(() => {
      jest.doMock('@aws-lambda-powertools/tracer', () => {
        tracerModuleLoads += 1;
        const actual: typeof import('@aws-lambda-powertools/tracer') = jest.requireActual('@aws-lambda-powertools/tracer');
        annotateColdStart = jest.spyOn(actual.Tracer.prototype, 'annotateColdStart');
        return actual;
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require('../../../lambdas/runtime/tracing') as TracingModule;
    });
    if (!loaded) throw new Error('tracing.ts did not load');
    return loaded;
  }

  const request = () => ({ event: {}, context: {}, response: undefined, error: undefined, internal: {} });
  const run = async (middleware: MiddlewareObj) => {
    const r = request();
    await middleware.before?.(r as never);
    await middleware.after?.(r as never);
  };

  beforeEach(() => {
    tracerModuleLoads = 0;
    annotateColdStart = undefined;
    // Outside Lambda there is no segment: the Tracer says so on the console.
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    process.env = { ...saved };
    jest.dontMock('@aws-lambda-powertools/tracer');
    jest.restoreAllMocks();
  });

  it('never loads the Tracer where tracing is off', async () => {
    const tracing = freshTracing({ ...IN_LAMBDA, POWERTOOLS_TRACE_ENABLED: 'false' });
    await run(tracing.captureLambdaHandler());
    await expect(tracing.tracer()).resolves.toBeUndefined();
    expect(tracerModuleLoads).toBe(0);
  });

  it('loads one Tracer, on the first invocation, where tracing is on', async () => {
    const tracing = freshTracing(IN_LAMBDA);
    const middleware = tracing.captureLambdaHandler();
    expect(tracerModuleLoads).toBe(0);
    await run(middleware);
    await run(middleware);
    const tracer = await tracing.tracer();
    expect(tracer?.isTracingEnabled()).toBe(true);
    expect(await tracing.tracer()).toBe(tracer);
    expect(tracerModuleLoads).toBe(1);
    // Powertools' own middleware ran on both invocations.
    expect(annotateColdStart).toHaveBeenCalledTimes(2);
  });
});
