export * from './schemas';
export * from './services';
export * from './errors';
export * from './procedures';
export * from './events';
export * from './channel';
export * from './rpc';
export * from './bridge';
