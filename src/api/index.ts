// The OpenAI-compatible client: createClient(), ApiError and the public types. No `vscode` import under src/api.
export { createClient, createServerMemory } from './client';
export { ApiError, classifyServerError } from './apiError';
export { contextLengthOf } from './models';
export * from './types';
