// Layers, initialisers and metrics for training models.
export { Module } from './module.js';
export { Linear, type LinearOptions } from './linear.js';
export { Sequential, type Layer } from './sequential.js';
export { xavierUniform, heNormal, type InitOptions } from './init.js';
export { accuracy } from './accuracy.js';
