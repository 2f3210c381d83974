import { doubleLambdaSetting } from './double-lambda-setting';

/** AWS's maximum timeout for a function. */
export const LAMBDA_MAX_TIMEOUT_SECONDS = 900;

/** Doubles the function's timeout, within maxTimeoutSeconds and AWS's 900 s. */
export const doubleLambdaTimeout = doubleLambdaSetting({
  id: 'double-lambda-timeout',
  label: 'timeout',
  unit: 's',
  stateKey: 'timeoutSeconds',
  latestKey: 'latestTimeoutSeconds',
  read: (config) => config.Timeout,
  request: (functionName, value) => ({ FunctionName: functionName, Timeout: value }),
  cap: (caps) => ({ value: caps.maxTimeoutSeconds, name: `the configured cap maxTimeoutSeconds (${caps.maxTimeoutSeconds})` }),
  awsMax: { value: LAMBDA_MAX_TIMEOUT_SECONDS, name: `the AWS maximum (${LAMBDA_MAX_TIMEOUT_SECONDS} s)` },
});
