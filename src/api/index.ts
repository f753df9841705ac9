// The OpenAI-compatible client: createClient(), ApiError and the public types. No `vscode` import under src/api.
export { createClient, resetServerMemory } from './client';
export { ApiError } from './errors';
export { contextLengthOf } from './models';
export * from './types';
