export * from './alarm-shards';
export * from './alert-responder-app';
export * from './core-stack';
export * from './global-stack';
export * from './system-stack';
export * from './multi-account-app';
export * from './operations-stack';
