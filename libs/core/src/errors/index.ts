export * from './app-error';
export * from './core-error-codes';
export * from './postgres-errors';
export * from './problem-details';
export * from './problem.filter';
export * from './to-app-error';
export * from './validation';
