// The web ↔ server contract (DESIGN.md §2). Imports nothing but zod: web bundles this folder.
export * from './common.ts';
export * from './images.ts';
export * from './fills.ts';
export * from './jobs.ts';
export * from './providers.ts';
export * from './batches.ts';
