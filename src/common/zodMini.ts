// zod for the extension host: zod 4's tree-shakable build `zod/mini`, so the bundle keeps only the schemas and
// checks used instead of the whole classic `zod` package (its JSON-schema tooling, every locale, …). Import it as a
// namespace (`import * as z from '../common/zodMini'`): a namespace *value* such as zod/mini's own `z` export makes the
// bundler keep everything. Unlike classic `zod`, zod/mini installs no locale, so every issue without a message of
// our own would read "Invalid input": install the English messages classic `zod` uses, so each message stays word
// for word what it was. Every schema module imports zod from here, so this runs before any schema is parsed.
// jitObject below builds on zod's core internals ($constructor, $ZodObjectJIT), which are not a public contract:
// package.json pins zod to the exact version these were written against (test/unit/common/zodMini.test.ts checks
// the results match `z.object`); update the pin and rerun those tests together.
import { en } from 'zod/locales';
import { config, ZodMiniType, type ZodMiniObject } from 'zod/mini';
import { $constructor, $ZodObjectJIT, util, type $strip, type $ZodLooseShape, type $ZodObjectDef } from 'zod/v4/core';

config(en());

export * from 'zod/mini';

const ZodMiniObjectJIT = /* @__PURE__ */ $constructor('ZodMiniObject', (inst: ZodMiniObject, def: $ZodObjectDef) => {
  $ZodObjectJIT.init(inst, def);
  ZodMiniType.init(inst, def);
  util.installLazyProp(inst, 'shape', (self: ZodMiniObject) => self._zod.def.shape, false);
});

/**
 * `z.object` for the per-chunk hot path (the streamed chunk). Classic zod builds every object on zod's core
 * `$ZodObjectJIT`, which on its first parse generates a parser specialised to the shape; zod/mini's `z.object`
 * walks the shape on every parse, several times slower per chunk. This is a zod/mini object built on that same
 * core class: the same results and issues as `z.object` (it is the code classic zod ran), a zod/mini schema
 * otherwise, and it falls back to walking the shape where code generation is not allowed.
 */
export function jitObject<S extends $ZodLooseShape>(shape: S): ZodMiniObject<S, $strip> {
  return new ZodMiniObjectJIT({ type: 'object', shape }) as unknown as ZodMiniObject<S, $strip>;
}
