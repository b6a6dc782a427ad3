// The gateway (with emulator) plus the admin listener on ephemeral ports, and a small client
// for the admin API with either the admin credential or a console session (cookie + CSRF).
import { startAdmin, type RunningAdmin } from '../../../src/admin/admin-server';
import { startTestGateway, type TestGateway } from '../../helpers/test-gateway';

export interface AdminFixture {
  readonly t: TestGateway;
  readonly admin: RunningAdmin;
  /** The current admin credential (a test that resets it stores the new one here). */
  credential: string;
  api(method: string, path: string, opts?: { body?: unknown; auth?: string | null; headers?: Record<string, string> }): Promise<{ status: number; json: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startAdminFixture(): Promise<AdminFixture> {
  const t = await startTestGateway();
  const admin = await startAdmin(t.runtime, { host: '127.0.0.1', port: 0 });
  const fixture: AdminFixture = {
    t,
    admin,
    credential: admin.newCredential!,
    async api(method, path, opts = {}) {
      const auth = opts.auth === undefined ? fixture.credential : opts.auth;
      const res = await fetch(`${admin.url}${path}`, {
        method,
        headers: {
          ...(auth ? { authorization: `Bearer ${auth}` } : {}),
          ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...opts.headers,
        },
        ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = JSON.parse(text);
      } catch {
        json = text;
      }
      return { status: res.status, json, headers: res.headers };
    },
    async close() {
      await admin.close();
      await t.close();
    },
  };
  return fixture;
}
