/**
 * alert-responder as a construct library: add it to your own CDK app with
 * `createAlertResponderApp(app, planDeployment(loadConfig(path)))`, or compose the constructs.
 */
export * from './catalogue';
export * from './config/load';
export * from './config/problems';
export * from './config/schema';
export * from './deployment';
export * from './constructs/alert-alarms';
export * from './constructs/alert-dashboard';
export * from './constructs/remediation-log';
export * from './constructs/remediation-queries';
export * from './constructs/responder-function';
export * from './constructs/severity-topics';
export * from './constructs/system-responders';
export * from './stacks';
