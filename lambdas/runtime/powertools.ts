import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/** Configured once per container from POWERTOOLS_* variables. The Tracer is in tracing.ts: it loads only where tracing is on. */
export const logger = new Logger();
export const metrics = new Metrics();
