export * from './adamw.js';
export * from './clip.js';
export * from './lars.js';
export * from './optimizer.js';
export * from './schedule.js';
export * from './sgd.js';
