// Drops every PostgreSQL database this test run created (global-setup.ts, postgres.ts).
import { dropRunDatabases } from './postgres';

export default async function globalTeardown(): Promise<void> {
  const prefix = process.env['BUNQ_GW_TEST_PG_PREFIX'];
  if (prefix) await dropRunDatabases(prefix);
}
