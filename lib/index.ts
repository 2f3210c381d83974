/**
 * alert-responder as a construct library. Add everything to your CDK app with one construct,
 * `new AlertResponder(app, 'Alerts', { config })`, or compose the stacks and constructs below.
 * Internal helpers (`constructs/private`) are not exported.
 */
export * from './alert-responder';
export * from './catalogue';
export * from './config/load';
export * from './config/autonomy-schema';
export * from './config/problems';
export * from './config/schema';
export * from './deployment';
export * from './constructs/alert-alarms';
export * from './constructs/alert-dashboard';
export * from './constructs/record-alarms';
export * from './constructs/remediation-log';
export * from './constructs/remediation-queries';
export * from './constructs/responder-function';
export * from './constructs/severity-topics';
export * from './constructs/state-table';
export * from './constructs/system-responders';
export * from './constructs/verification';
export * from './stacks';
