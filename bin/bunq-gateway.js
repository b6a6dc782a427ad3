#!/usr/bin/env -S node --max-old-space-size=256 --max-semi-space-size=8
'use strict';
// The flag above (also used by the Dockerfile, `npm start` and `npm run bench`, which run this
// file directly): with no explicit heap limit V8 sizes the old generation from the machine's
// memory and lets a busy gateway's heap grow to ~100 MB before its first full collection, with
// ~30 MB live. 256 MB is far above what the gateway holds (bounded caches, no per-token growth).
//
// WebAssembly here is Prisma's query compiler (and undici's HTTP parser). Optimising it with
// TurboFan costs ~28 MB of memory; the per-call hot path does not go through Prisma, so its
// baseline (Liftoff) code is enough. Set before any module compiles WebAssembly.
require('node:v8').setFlagsFromString('--liftoff-only');
// Runs the compiled CLI (npm ci builds dist/ through the "prepare" script).
require('../dist/cli/main.js').main(process.argv).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`bunq-gateway: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
