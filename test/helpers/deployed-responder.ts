/**
 * A bundled responder loaded and invoked as Lambda would: by Node's own require (not Jest's
 * module registry, which would run the bundle through ts-jest), with the environment the CDK
 * construct gives it, built from the default configuration.
 */
import * as nodeModule from 'node:module';
import type { Context } from 'aws-lambda';
import { stateTableName, type ResponderFamily } from '../../lib/catalogue';
import { responderEnvironment } from '../../lib/constructs/private/responder-env';
import { responderFunctionName } from '../../lib/constructs/private/responder-names';
import { plannedKinds, systemCaps, systemMaintenance, type DeploymentPlan } from '../../lib/deployment';
import { ACCOUNT, defaultPlan } from './responder-settings';

export const REGION = 'us-east-1';
export const REMEDIATION_LOG_GROUP = '/alert-responder/ar/remediations';
export const ESCALATION_TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:ar-escalations`;

/** The AR_* and POWERTOOLS_* variables SystemResponders sets for this system's responder of `family`. */
export function constructEnvironment(system: string, family: ResponderFamily, plan: DeploymentPlan = defaultPlan()): Record<string, string> {
  const sys = plan.systems.find((s) => s.id === system);
  const responder = sys?.responders.find((r) => r.family === family);
  if (!sys || !responder) throw new Error(`the default configuration has no ${family} responder for ${system}`);
  const { config } = plan;
  return responderEnvironment({
    prefix: config.prefix,
    system,
    family,
    baseCaps: systemCaps(config, sys.config),
    targets: responder.targets,
    plannedKinds: plannedKinds(responder.alarms),
    guardrails: config.guardrails,
    context: config.context,
    remediationLogGroupName: REMEDIATION_LOG_GROUP,
    escalationTopicArn: ESCALATION_TOPIC_ARN,
    allowedRegions: responder.alarms.some((a) => a.usEast1) ? [config.region, 'us-east-1'] : [config.region],
    stateTableName: stateTableName(config.prefix),
    verifyQueueUrl: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${config.prefix}-verify`,
    logLines: config.escalation.logLines,
    maintenance: systemMaintenance(config, sys.config),
  });
}

/**
 * Variables the handler reads that the construct's environment may not set (yet), with values
 * for the fake: added only where missing, and listed so a test can say which they were. The
 * queue URL must point at the fake: the SQS client sends to the queue URL's host.
 */
export function deployedEnvironment(
  system: string,
  family: ResponderFamily,
  resources: { readonly endpoint: string; readonly stateTable: string },
): { env: Record<string, string>; supplied: string[] } {
  const env = constructEnvironment(system, family);
  const extra: Record<string, string> = { AR_VERIFY_QUEUE_URL: `${resources.endpoint}/${ACCOUNT}/ar-verify`, AR_STATE_TABLE: resources.stateTable };
  const supplied = Object.keys(extra).filter((k) => !(k in env));
  // The construct sets both; the test points them at the fake and at its dynalite table.
  return { env: { ...env, ...extra }, supplied };
}

/** What the Lambda runtime adds, with every SDK client sent to the fake endpoint and tracing off. */
export function runtimeEnvironment(endpoint: string, functionName: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
    AWS_SECRET_ACCESS_KEY: 'fake-secret',
    AWS_SESSION_TOKEN: 'fake-token',
    AWS_EC2_METADATA_DISABLED: 'true',
    // Nothing from the developer's ~/.aws may leak in.
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    _HANDLER: 'index.handler',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    // The Tracer must not look for the X-Ray daemon: tracing off, and missing context ignored.
    POWERTOOLS_TRACE_ENABLED: 'false',
    AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
  };
}

/**
 * Node's own require. Under Jest, `node:module` is a subclass of the real module whose
 * createRequire returns Jest's require; its prototype is the real one.
 */
function nativeRequire(): NodeJS.Require {
  const parent: unknown = Object.getPrototypeOf(nodeModule.Module);
  const real = typeof parent === 'function' && 'createRequire' in parent ? (parent as typeof nodeModule.Module) : nodeModule.Module;
  return real.createRequire(__filename);
}

/** The real `process` (Jest gives tests a copy whose `env` the bundle would not see). */
export const realProcess = nativeRequire()('node:process') as NodeJS.Process;

export type Handler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * Loads a fresh instance of the bundle (a cold start) with `env` added to the real environment;
 * `restore` puts the environment back.
 */
export function loadBundle(file: string, env: Readonly<Record<string, string>>): { handler: Handler; restore: () => void } {
  const saved = { ...realProcess.env };
  Object.assign(realProcess.env, env);
  const req = nativeRequire();
  delete req.cache[req.resolve(file)];
  const mod = req(file) as { handler?: unknown };
  if (typeof mod.handler !== 'function') throw new Error(`${file} exports no handler`);
  const restore = () => {
    for (const key of Object.keys(realProcess.env)) if (!(key in saved)) delete realProcess.env[key];
    Object.assign(realProcess.env, saved);
  };
  return { handler: mod.handler as Handler, restore };
}

/** A Lambda context as the runtime passes it. */
export function lambdaContext(functionName: string, requestId: string): Context {
  const deadline = Date.now() + 60_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: '2024/05/14/[$LATEST]0123456789abcdef',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export const functionNameFor = (system: string, family: ResponderFamily) => responderFunctionName(defaultPlan().config.prefix, system, family);
