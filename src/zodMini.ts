// zod for the extension host: zod 4's tree-shakable build `zod/mini`, so the bundle keeps only the schemas and
// checks used instead of the whole classic `zod` package (its JSON-schema tooling, every locale, …). Import it as a
// namespace (`import * as z from '../zodMini'`): a namespace *value* such as zod/mini's own `z` export makes the
// bundler keep everything. Unlike classic `zod`, zod/mini installs no locale, so every issue without a message of
// our own would read "Invalid input": install the English messages classic `zod` uses, so each message stays word
// for word what it was. Every schema module imports zod from here, so this runs before any schema is parsed.
import { en } from 'zod/locales';
import { config } from 'zod/mini';

config(en());

export * from 'zod/mini';
