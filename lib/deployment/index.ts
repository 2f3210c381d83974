export * from './plan';
export * from './responders';
export * from './targets';
export * from './types';
export * from './topic-shards';
export * from './operations';
export * from './maintenance';
export * from './autonomy';
