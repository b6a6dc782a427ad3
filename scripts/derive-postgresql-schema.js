#!/usr/bin/env node
/**
 * prisma/schema.prisma is the ONE source of the gateway's models. Prisma needs one schema per
 * provider (a client generated for "sqlite" cannot drive the pg adapter), so the PostgreSQL
 * schema is derived from it here: same models, only the datasource provider/url and the
 * generator's output path differ. Run by `npm run build` and `npm run db:migrations`; the
 * result (prisma/postgresql/schema.prisma) is committed so reviewers see what PostgreSQL gets.
 * Exits non-zero with --check when the committed copy is stale.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'prisma', 'schema.prisma');
const target = path.join(root, 'prisma', 'postgresql', 'schema.prisma');

function derive(text) {
  const replaceOnce = (input, pattern, replacement, what) => {
    if (!pattern.test(input)) throw new Error(`derive-postgresql-schema: ${what} not found in prisma/schema.prisma`);
    return input.replace(pattern, replacement);
  };
  let out = replaceOnce(text, /(datasource db \{[^}]*?provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'datasource provider "sqlite"');
  out = replaceOnce(out, /(datasource db \{[^}]*?url\s*=\s*)"[^"]*"/, '$1"postgresql://localhost/bunq_gateway"', 'datasource url');
  out = replaceOnce(
    out,
    /(generator client \{[^}]*?output\s*=\s*)"\.\.\/src\/store\/generated\/prisma"/,
    '$1"../../src/store/generated/postgresql"',
    'generator output "../src/store/generated/prisma"',
  );
  return `// GENERATED from prisma/schema.prisma by scripts/derive-postgresql-schema.js: do not edit.\n${out}`;
}

const wanted = derive(fs.readFileSync(source, 'utf8'));
if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== wanted) {
    console.error('prisma/postgresql/schema.prisma is stale: run `npm run db:migrations`');
    process.exit(1);
  }
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, wanted);
}
