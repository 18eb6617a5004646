/** Layers and losses. Each layer creates its parameters on a Graph at construction and builds nodes in apply(). */
export * from './activation.js';
export * from './attention.js';
export * from './conv-block.js';
export * from './cross-entropy.js';
export * from './dropout.js';
export * from './embedding.js';
export * from './graph-conv.js';
export * from './info-nce.js';
export * from './kl-divergence.js';
export * from './linear.js';
export * from './lstm.js';
export * from './mlp.js';
export * from './mse.js';
export * from './norm.js';
export * from './resnet.js';
export * from './transformer.js';
