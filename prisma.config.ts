// Prisma 6.19 with the JavaScript schema engine and a driver adapter: nothing native is
// downloaded, so generate / migrate work offline. The database is DATABASE_URL, as at run time.
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const file = (process.env['DATABASE_URL'] ?? 'file:./.data/gateway.db').replace(/^file:/, '');
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
