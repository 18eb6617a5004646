/** The training engine: graph API, ops, autodiff, ONNX serialisation, layers, losses, optimizers, runtime. */
export * from './autodiff.js';
export * from './export.js';
export * from './graph.js';
export * from './init.js';
export * from './onnx.js';
export * from './runtime.js';
export * from './train-step.js';
export * as ops from './ops/index.js';
export * as nn from './nn/index.js';
export * as optim from './optim/index.js';
export * from './checkpoint.js';
export * from './step-means.js';
export * from './trainer.js';
