// Prisma 6.19 with the JavaScript schema engine and a driver adapter: nothing native is
// downloaded, so generate / migrate work offline. The database is DATABASE_URL, as at run time:
// a file: URL selects SQLite (prisma/schema.prisma, prisma/migrations), a postgres(ql):// URL
// selects PostgreSQL (prisma/postgresql/, derived from the same models by
// scripts/derive-postgresql-schema.js).
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { dialectOf, postgresPool, PRISMA_PATHS, sqliteFile } from './src/store/database-url';

const databaseUrl = process.env['DATABASE_URL'] ?? 'file:./.data/gateway.db';
const dialect = dialectOf(databaseUrl);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: PRISMA_PATHS[dialect].schema,
  migrations: { path: PRISMA_PATHS[dialect].migrations },
  async adapter() {
    if (dialect === 'postgresql') {
      return new PrismaPg(postgresPool(databaseUrl));
    }
    const file = sqliteFile(databaseUrl);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
