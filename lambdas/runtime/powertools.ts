import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/** Configured once per container from POWERTOOLS_* variables. */
export const logger = new Logger();
export const metrics = new Metrics();
export const tracer = new Tracer();
