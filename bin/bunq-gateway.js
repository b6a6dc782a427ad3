#!/usr/bin/env node
'use strict';
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
