import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/load';
import { ConfigSchema, repoRoot } from '../../../src/config/schema';
import { sendDeadline } from '../../../src/steps/reconcile-spend';

function errorOf(env: NodeJS.ProcessEnv, overrides: Record<string, string> = {}): ConfigError {
  try {
    loadConfig(env, overrides);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const HEX_KEY = 'ab'.repeat(32);

describe('loadConfig', () => {
  test('defaults', () => {
    const c = loadConfig({});
    expect(c.GATEWAY_HOST).toBe('127.0.0.1');
    expect(c.GATEWAY_PORT).toBe(8080);
    expect(c.GATEWAY_DATA_DIR).toBe(path.resolve('.data'));
    expect(c.databaseUrl).toBe(`file:${path.join(path.resolve('.data'), 'gateway.db')}`);
    expect(c.masterKeyFile).toBe(path.join(path.resolve('.data'), 'master.key'));
    expect(c.GATEWAY_MASTER_KEY).toBeUndefined();
    expect(c.GATEWAY_ISSUER).toBe('bunq-scope-gateway');
    expect(c.GATEWAY_AUDIENCE).toBe('bunq-api');
    expect(c.GATEWAY_TOKEN_MAX_TTL_DAYS).toBe(366);
    expect(c.GATEWAY_POLICIES_DIR).toBe(path.join(repoRoot, 'policies'));
    expect(c.BUNQ_BASE_URL).toBeUndefined();
    expect(c.UPSTREAM_TIMEOUT_MS).toBe(15000);
    expect(c.LOG_LEVEL).toBe('info');
  });

  test('reads and coerces the environment; derived paths follow GATEWAY_DATA_DIR', () => {
    const c = loadConfig({
      GATEWAY_PORT: '0',
      GATEWAY_DATA_DIR: '/tmp/gw-data',
      GATEWAY_MASTER_KEY: HEX_KEY,
      BUNQ_BASE_URL: 'https://public-api.sandbox.bunq.com/v1',
      LOG_LEVEL: 'silent',
      GATEWAY_TOKEN_MAX_TTL_DAYS: '30',
    });
    expect(c.GATEWAY_PORT).toBe(0);
    expect(c.databaseUrl).toBe('file:/tmp/gw-data/gateway.db');
    expect(c.masterKeyFile).toBe('/tmp/gw-data/master.key');
    expect(c.GATEWAY_MASTER_KEY).toBe(HEX_KEY);
    expect(c.BUNQ_BASE_URL).toBe('https://public-api.sandbox.bunq.com/v1');
    expect(c.LOG_LEVEL).toBe('silent');
    expect(c.GATEWAY_TOKEN_MAX_TTL_DAYS).toBe(30);
  });

  test('explicit DATABASE_URL and key file win over the data-dir defaults', () => {
    const c = loadConfig({ GATEWAY_DATA_DIR: '/tmp/a', DATABASE_URL: 'file:/tmp/b/x.db', GATEWAY_MASTER_KEY_FILE: '/tmp/c/k' });
    expect(c.databaseUrl).toBe('file:/tmp/b/x.db');
    expect(c.masterKeyFile).toBe('/tmp/c/k');
  });

  test('a base64 master key is accepted', () => {
    expect(loadConfig({ GATEWAY_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') }).GATEWAY_MASTER_KEY).toBeDefined();
  });

  test('overrides win over the environment', () => {
    expect(loadConfig({ GATEWAY_PORT: '1000' }, { GATEWAY_PORT: '2000' }).GATEWAY_PORT).toBe(2000);
  });

  test('variables outside the schema are ignored', () => {
    expect(() => loadConfig({ PATH: '/bin', SOMETHING_ELSE: 'x' })).not.toThrow();
  });

  test('an empty variable counts as unset', () => {
    const c = loadConfig({ GATEWAY_PORT: '', GATEWAY_MASTER_KEY: '', DATABASE_URL: '', BUNQ_BASE_URL: '', LOG_LEVEL: '' });
    expect(c.GATEWAY_PORT).toBe(8080);
    expect(c.GATEWAY_MASTER_KEY).toBeUndefined();
    expect(c.BUNQ_BASE_URL).toBeUndefined();
    expect(c.LOG_LEVEL).toBe('info');
  });

  test('the result is frozen', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c)).toBe(true);
    expect(() => {
      (c as { GATEWAY_PORT: number }).GATEWAY_PORT = 1;
    }).toThrow(TypeError);
  });

  test.each<[string, string]>([
    ['GATEWAY_PORT', 'abc'],
    ['GATEWAY_PORT', '70000'],
    ['GATEWAY_PORT', '-1'],
    ['GATEWAY_PORT', '80.5'],
    ['GATEWAY_MASTER_KEY', 'short'],
    ['GATEWAY_MASTER_KEY', 'zz'.repeat(32)],
    ['GATEWAY_MASTER_KEY', 'ab'.repeat(33)],
    ['DATABASE_URL', 'mysql://user:hunter2@db:5432/gw'],
    ['DATABASE_URL', 'sqlite:/var/gw.db'],
    ['BUNQ_BASE_URL', 'ftp://x'],
    ['BUNQ_BASE_URL', 'not a url'],
    ['LOG_LEVEL', 'verbose'],
    ['GATEWAY_TOKEN_MAX_TTL_DAYS', '-3'],
    ['GATEWAY_TOKEN_MAX_TTL_DAYS', '99999'],
    ['UPSTREAM_TIMEOUT_MS', '-5'],
  ])('%s=%p produces exactly one line naming it, never the value', (name, value) => {
    const err = errorOf({ [name]: value });
    expect(err.lines).toHaveLength(1);
    expect(err.lines[0]!.startsWith(`${name}: `)).toBe(true);
    expect(err.lines[0]).not.toContain(value);
    expect(err.message).not.toContain(value);
  });

  // zod reports every failed check: "-1.5" fails both int() and min(0). The contract is one
  // line per bad variable.
  test.each<[string, string]>([
    ['GATEWAY_PORT', '-1.5'],
    ['GATEWAY_TOKEN_MAX_TTL_DAYS', '-0.5'],
  ])('%s=%p (fails two checks) still produces one line', (name, value) => {
    const err = errorOf({ [name]: value });
    expect(err.lines).toHaveLength(1);
    expect(err.lines[0]).toContain(name);
  });

  test.each(['postgres://gw@db:5432/gateway', 'postgresql://gw@127.0.0.1/gateway'])('DATABASE_URL=%p (PostgreSQL) is accepted as given', (url) => {
    expect(loadConfig({ DATABASE_URL: url, GATEWAY_MASTER_KEY_FILE: '/tmp/k' }).databaseUrl).toBe(url);
  });

  test('several bad variables: one line each, each naming its variable', () => {
    const secret = 'my-secret-master-key';
    const err = errorOf({ GATEWAY_PORT: 'abc', GATEWAY_MASTER_KEY: secret, DATABASE_URL: 'mysql://x', BUNQ_BASE_URL: 'ftp://x' });
    expect(err.lines).toHaveLength(4);
    expect(err.lines.map((l) => l.split(':')[0]).sort()).toEqual(['BUNQ_BASE_URL', 'DATABASE_URL', 'GATEWAY_MASTER_KEY', 'GATEWAY_PORT']);
    expect(err.message).not.toContain(secret);
    expect(err.name).toBe('ConfigError');
  });

  test('a reconciliation age shorter than a live payment may take is refused', () => {
    for (const age of ['2000', '15001', '44999']) {
      expect(errorOf({ UPSTREAM_TIMEOUT_MS: '10000', RECONCILE_AFTER_MS: age }).lines).toEqual([
        'RECONCILE_AFTER_MS: must be at least 2 × UPSTREAM_TIMEOUT_MS + 25 s (a live payment may take that long)',
      ]);
    }
    expect(() => loadConfig({}, { UPSTREAM_TIMEOUT_MS: '10000', RECONCILE_AFTER_MS: '45000' })).not.toThrow();
  });

  test('a release age shorter than the reconciliation age is refused; by default an unseen payment is released only after 6 h', () => {
    expect(errorOf({ UPSTREAM_TIMEOUT_MS: '10000', RECONCILE_AFTER_MS: '60000', RECONCILE_RELEASE_AFTER_MS: '59999' }).lines).toEqual([
      'RECONCILE_RELEASE_AFTER_MS: must be at least RECONCILE_AFTER_MS (an entry is not looked at before that age)',
    ]);
    // Unset RECONCILE_AFTER_MS: its default (2 × timeout + 30 s) is the bound.
    expect(errorOf({ UPSTREAM_TIMEOUT_MS: '10000', RECONCILE_RELEASE_AFTER_MS: '49999' }).lines).toHaveLength(1);
    expect(() => loadConfig({}, { UPSTREAM_TIMEOUT_MS: '10000', RECONCILE_RELEASE_AFTER_MS: '50000' })).not.toThrow();
    expect(loadConfig({}, {}).RECONCILE_RELEASE_AFTER_MS).toBe(6 * 3_600_000);
  });

  test('at the shortest accepted reconciliation age, a payment may still be sent after a full session renewal', () => {
    const config = loadConfig({}, { UPSTREAM_TIMEOUT_MS: '10000', RECONCILE_AFTER_MS: '45000' });
    // Renewal: up to 20 s waiting for another instance, then one timeout; the payment leaves after that.
    expect(sendDeadline(config, 0)).toBeGreaterThanOrEqual(20_000 + 10_000);
  });

  test('every variable is documented', () => {
    for (const [name, schema] of Object.entries(ConfigSchema.shape)) {
      expect({ name, documented: Boolean((schema as { description?: string }).description) }).toEqual({ name, documented: true });
    }
  });
});
