import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { MiddlewareObj } from '@middy/core';

/**
 * Tracing, loaded only where it is on. The Tracer brings the X-Ray SDK (with semver and
 * cls-hooked's async hooks, which tax every promise once loaded): about 120 KB and 20 ms of a
 * cold start that a function with tracing off would pay for nothing. The bundle keeps it, behind
 * a dynamic import that esbuild turns into a module initialised on first use.
 */

/**
 * Whether the Tracer would trace: Powertools' own rule (Tracer.setTracingEnabled), read from the
 * same variables, so that loading it could change nothing when this says no.
 */
export function tracingWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  const execution = env.AWS_EXECUTION_ENV ?? '';
  if ((env.POWERTOOLS_TRACE_ENABLED ?? '').toLowerCase() === 'false') return false;
  if ((env.AWS_SAM_LOCAL ?? '') !== '' || execution === 'AWS_Lambda_amplify-mock') return false;
  return execution !== '';
}

interface Loaded {
  readonly tracer: Tracer;
  readonly middleware: MiddlewareObj;
}

let loading: Promise<Loaded | undefined> | undefined;

async function load(): Promise<Loaded | undefined> {
  if (!tracingWanted()) return undefined;
  const [{ Tracer: TracerClass }, { captureLambdaHandler }] = await Promise.all([
    import('@aws-lambda-powertools/tracer'),
    import('@aws-lambda-powertools/tracer/middleware'),
  ]);
  const tracer = new TracerClass();
  return { tracer, middleware: captureLambdaHandler(tracer) };
}

/** The container's Tracer, configured from POWERTOOLS_* variables on first use; undefined when tracing is off. */
export async function tracer(): Promise<Tracer | undefined> {
  loading ??= load();
  return (await loading)?.tracer;
}

/**
 * Powertools' captureLambdaHandler on the container's Tracer, which it loads before the first
 * invocation's handler runs (so the Tracer still patches HTTP before any AWS call). With tracing
 * off it does nothing, and nothing is loaded.
 */
export function captureLambdaHandler(): MiddlewareObj {
  let traced: MiddlewareObj | undefined;
  return {
    before: async (request) => {
      loading ??= load();
      traced = (await loading)?.middleware;
      return traced?.before?.(request);
    },
    after: async (request) => traced?.after?.(request),
    onError: async (request) => traced?.onError?.(request),
  };
}
