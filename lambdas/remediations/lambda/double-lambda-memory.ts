import { doubleLambdaSetting } from './double-lambda-setting';

/** AWS's maximum memory size for a function. */
export const LAMBDA_MAX_MEMORY_MB = 10240;

/** Doubles the function's memory size, within maxMemoryMb and AWS's 10240 MB. */
export const doubleLambdaMemory = doubleLambdaSetting({
  id: 'double-lambda-memory',
  label: 'memory size',
  unit: 'MB',
  stateKey: 'memoryMb',
  latestKey: 'latestMemoryMb',
  read: (config) => config.MemorySize,
  request: (functionName, value) => ({ FunctionName: functionName, MemorySize: value }),
  cap: (caps) => ({ value: caps.maxMemoryMb, name: `the configured cap maxMemoryMb (${caps.maxMemoryMb})` }),
  awsMax: { value: LAMBDA_MAX_MEMORY_MB, name: `the AWS maximum (${LAMBDA_MAX_MEMORY_MB} MB)` },
});
