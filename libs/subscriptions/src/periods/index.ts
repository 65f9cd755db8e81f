export * from './periods';
export * from './zoned-time';
