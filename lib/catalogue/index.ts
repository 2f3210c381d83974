/** The alert catalogue: pure data and types, shared by the CDK app and the responders. */
export * from './alert-kinds';
export * from './naming';
export * from './published-metrics';
export * from './remediations';
export * from './resource-types';
export * from './routing';
export * from './self-metrics';
export * from './severity';
export * from './signals';
export * from './caps';
export * from './log-lines';
export * from './target';
export * from './target-codec';
export * from './target-keys';
export * from './target-schemas';
export * from './target-types';
