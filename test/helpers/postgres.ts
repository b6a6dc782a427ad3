// PostgreSQL for the tests: the server on 127.0.0.1:5432 (trust auth), started here if it is
// down. Each test file gets its own database, cloned from a template the global setup migrated
// once (CREATE DATABASE … TEMPLATE), so parallel jest workers never share tables; the global
// teardown drops every database of the run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

/** Where the admin connection goes (the `test` database); override with BUNQ_GW_TEST_POSTGRES_URL. */
export const ADMIN_URL = process.env['BUNQ_GW_TEST_POSTGRES_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function tryConnect(): Promise<Client | undefined> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return client;
  } catch {
    await client.end().catch(() => undefined);
    return undefined;
  }
}

/** Starts the Debian cluster if nothing answers (the same command .ci/run uses). */
function startCluster(): void {
  const versions = fs.existsSync('/etc/postgresql') ? fs.readdirSync('/etc/postgresql') : [];
  if (versions.length === 0) throw new Error('PostgreSQL is not installed (no /etc/postgresql/<version>)');
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', versions[0]!, 'main', 'start'], { stdio: 'inherit' });
}

export async function adminClient(): Promise<Client> {
  let client = await tryConnect();
  if (client) return client;
  startCluster();
  for (let attempt = 0; attempt < 40 && !client; attempt++) {
    await new Promise((r) => setTimeout(r, 250));
    client = await tryConnect();
  }
  if (!client) throw new Error(`PostgreSQL does not answer at ${ADMIN_URL}`);
  return client;
}

export async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = await adminClient();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every database of this run starts with this prefix (set by the global setup). */
export function runPrefix(): string {
  const prefix = process.env['BUNQ_GW_TEST_PG_PREFIX'];
  if (!prefix) throw new Error('the jest global setup did not prepare PostgreSQL');
  return prefix;
}

/** A new database cloned from the run's migrated template. */
export async function clonePostgresDatabase(): Promise<string> {
  const name = `${runPrefix()}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await withAdmin(async (admin) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${runPrefix()}_template"`);
        return;
      } catch (err) {
        // Two clones of one template at the same instant: PostgreSQL refuses the second one.
        if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return databaseUrl(name);
}

export async function dropRunDatabases(prefix: string): Promise<void> {
  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  });
}
