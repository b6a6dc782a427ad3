// The real CLI as a child process: `node bin/bunq-gateway.js …` (dist/ is built by `npm ci`
// through the "prepare" script). Every command gets a temporary GATEWAY_DATA_DIR and
// LOG_LEVEL=silent; the emulator runs as a CLI child process too.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'bunq-gateway.js');
const DIST_MAIN = path.join(ROOT, 'dist', 'cli', 'main.js');

jest.setTimeout(60_000);

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dataDir: string;
const children: ChildProcess[] = [];

function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GATEWAY_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...extra };
  // The test runner's own settings must not leak into the CLI.
  for (const k of ['DATABASE_URL', 'GATEWAY_MASTER_KEY', 'GATEWAY_MASTER_KEY_FILE', 'GATEWAY_PORT', 'GATEWAY_HOST', 'BUNQ_BASE_URL', 'BUNQ_API_KEY', 'ADMIN_PORT', 'ADMIN_HOST']) {
    if (!(k in extra)) delete env[k];
  }
  return env;
}

function run(args: readonly string[], extraEnv: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: cliEnv(extraEnv), timeout: 30_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function json<T = Record<string, unknown>>(r: Result): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON on stdout (exit ${String(r.code)}): ${r.stdout}\nstderr: ${r.stderr}`);
  }
}

interface Server {
  child: ChildProcess;
  doc: Record<string, string>;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** Starts a long-running command and waits for the one JSON document it prints when listening. */
function start(args: readonly string[]): Promise<Server> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no JSON from ${args.join(' ')} within 20 s; stderr: ${stderr}`)), 20_000);
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      try {
        const doc = JSON.parse(stdout) as Record<string, string>;
        clearTimeout(timer);
        resolve({ child, doc, exited });
      } catch {
        // not complete yet
      }
    });
    void exited.then((e) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited early (${String(e.code)}): ${e.stderr}`));
    });
  });
}

async function waitFor(check: () => boolean, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(server: Server): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  server.child.kill('SIGTERM');
  const { code, signal, stderr } = await server.exited;
  return { code, signal, stderr };
}

let emulator: Server;
let emulatorUrl: string;

beforeAll(async () => {
  if (!fs.existsSync(DIST_MAIN)) {
    throw new Error(`${DIST_MAIN} is missing: run \`npm ci\` or \`npm run build\` before the CLI tests`);
  }
  dataDir = fs.mkdtempSync(path.join(process.env['BUNQ_GW_TEST_DIR'] ?? os.tmpdir(), 'cli-'));
  emulator = await start(['emulator', '--port', '0', '--json']);
  emulatorUrl = emulator.doc['url']!;
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('emulator', () => {
  test('--request-log-limit keeps only the last n recorded calls; a limit that is not a positive integer is refused', async () => {
    const limited = await start(['emulator', '--port', '0', '--json', '--request-log-limit', '2']);
    const url = limited.doc['url']!;
    for (const n of [1, 2, 3]) await fetch(`${url}/v1/user?count=${n}`);
    const log = (await (await fetch(`${url}/_emulator/requests`)).json()) as { requests: { path: string }[] };
    expect(log.requests.map((r) => r.path)).toEqual(['/v1/user?count=2', '/v1/user?count=3']);
    limited.child.kill('SIGTERM');
    await limited.exited;
    await expect(start(['emulator', '--port', '0', '--json', '--request-log-limit', '0'])).rejects.toThrow(/requestLogLimit must be a positive integer/);
  });
});

describe('help', () => {
  const commands: [string[], string[]][] = [
    [[], ['demo', 'serve', 'init', 'emulator', 'token', 'explain', 'audit', 'status', 'admin']],
    [['demo'], ['--admin-port']],
    [['serve'], ['--port', '--host', '--admin-port', '--admin-host', '--json']],
    [['init'], ['--base-url', '--api-key-stdin', '--sandbox-user', '--permitted-ip', '--replace', '--json']],
    [['emulator'], ['--port', '--host', '--no-rate-limits', '--request-log-limit', '--json']],
    [['token'], ['create', 'list', 'show', 'revoke', 'rotate']],
    [['token', 'create'], ['--name', '--preset', '--scope', '--account', '--cap-day', '--iban', '--expires-in', '--ip', '--rate-per-minute', '--json']],
    [['token', 'list'], ['--all', '--json']],
    [['token', 'show'], ['<id>', '--json']],
    [['token', 'revoke'], ['<id>', '--json']],
    [['token', 'rotate'], ['<id>', '--json']],
    [['explain'], ['--token-id', '--body', '--json', '<method>', '<path>']],
    [['audit'], ['--token', '--decision', '--since', '--until', '--limit', '--follow', '--json']],
    [['status'], ['--json']],
    [['admin', 'reset-credential'], ['--json']],
  ];

  test('--help of every command exits 0 and names its options', async () => {
    const results = await Promise.all(commands.map(([cmd]) => run([...cmd, '--help'])));
    results.forEach((r, i) => {
      const [cmd, words] = commands[i]!;
      expect({ cmd, code: r.code }).toEqual({ cmd, code: 0 });
      for (const word of words) expect(`${cmd.join(' ')}: ${r.stdout}`).toContain(word);
    });
  });

  test('an unknown command is a usage error (exit 2)', async () => {
    const r = await run(['no-such-command']);
    expect(r.code).toBe(2);
  });
});

describe('configuration errors', () => {
  test('GATEWAY_PORT=abc: exit 2 with one line naming the variable, not the value', async () => {
    const r = await run(['token', 'list'], { GATEWAY_PORT: 'abc' });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('GATEWAY_PORT');
    expect(r.stdout).toBe('');
  });

  test('a bad master key is named but never echoed', async () => {
    const secret = 'not-a-real-key-but-secret-looking-0123456789';
    const r = await run(['token', 'list'], { GATEWAY_MASTER_KEY: secret });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('GATEWAY_MASTER_KEY');
    expect(r.stderr).not.toContain(secret);
  });
});

describe('lifecycle against the emulator', () => {
  let userId: number;
  let accountId: number;
  let tokenId: string;
  let bearer: string;
  let bunqKey: string;
  let adminCredential: string;

  const stats = async () => (await (await fetch(`${emulatorUrl}/_emulator/stats`)).json()) as { installations: number };

  test('the emulator printed its URL once listening', async () => {
    expect(emulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.doc['baseUrl']).toBe(`${emulatorUrl}/v1`);
    const res = await fetch(`${emulatorUrl}/_emulator/stats`);
    expect(res.status).toBe(200);
  });

  test('init --sandbox-user stores a context; a second init with the same key reuses the installation', async () => {
    const before = (await stats()).installations;
    const r = await run(['init', '--base-url', `${emulatorUrl}/v1`, '--sandbox-user', 'person', '--permitted-ip', '*', '--json']);
    expect(r.code).toBe(0);
    const summary = json<{ user: { id: number }; reusedInstallation: boolean; baseUrl: string }>(r);
    expect(summary.reusedInstallation).toBe(false);
    expect(summary.baseUrl).toBe(`${emulatorUrl}/v1`);
    expect(JSON.stringify(summary)).not.toMatch(/sandbox_[0-9a-f]{20,}/);
    userId = summary.user.id;
    expect((await stats()).installations).toBe(before + 1);

    const user = (await (await fetch(`${emulatorUrl}/_emulator/users/${userId}`)).json()) as { apiKey: string; accountIds: number[] };
    accountId = user.accountIds[0]!;
    const again = await run(['init', '--base-url', `${emulatorUrl}/v1/`, '--permitted-ip', '*', '--json'], { BUNQ_API_KEY: user.apiKey });
    expect(again.code).toBe(0);
    expect(json<{ reusedInstallation: boolean }>(again).reusedInstallation).toBe(true);
    expect((await stats()).installations).toBe(before + 1);
    // The stored context is encrypted: the API key is not in the database file.
    expect(fs.readFileSync(path.join(dataDir, 'gateway.db')).includes(Buffer.from(user.apiKey))).toBe(false);
    expect(fs.statSync(path.join(dataDir, 'master.key')).mode & 0o777).toBe(0o600);
  });

  test('with --json and logging on, stdout is the one result document and the log goes to stderr', async () => {
    const user = (await (await fetch(`${emulatorUrl}/_emulator/users/${userId}`)).json()) as { apiKey: string };
    // A data dir of its own: a new master key file, logged at info (whatever init then meets:
    // the emulator allows one session-server call per 30 s).
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-json-'));
    try {
      const r = await run(['init', '--base-url', `${emulatorUrl}/v1`, '--permitted-ip', '*', '--json'], {
        BUNQ_API_KEY: user.apiKey,
        LOG_LEVEL: 'info',
        GATEWAY_DATA_DIR: elsewhere,
      });
      expect(r.stderr).toContain('"msg":"created a new master key file');
      expect(r.stdout).not.toContain('"level"');
      if (r.code === 0) expect(json<{ baseUrl: string }>(r).baseUrl).toBe(`${emulatorUrl}/v1`);
      else expect(r.stdout).toBe('');
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  test('init without a base URL or an API key is a usage error (exit 2)', async () => {
    const noUrl = await run(['init', '--json'], { BUNQ_BASE_URL: '', BUNQ_API_KEY: 'x' });
    expect([noUrl.code, noUrl.stderr]).toEqual([2, expect.stringContaining('no bunq base URL')]);
    const noKey = await run(['init', '--base-url', `${emulatorUrl}/v1`, '--json'], { BUNQ_API_KEY: '' });
    expect([noKey.code, noKey.stderr]).toEqual([2, expect.stringContaining('no API key')]);
  });

  test('token create --preset widget prints the bearer and bunq-key forms once', async () => {
    const r = await run(['token', 'create', '--preset', 'widget', '--account', String(accountId), '--name', 'w', '--json']);
    expect(r.code).toBe(0);
    const t = json<{ id: string; bearer: string; bunqKey: string; scopes: string[]; accounts: number[]; preset: string; expiresAt: string }>(r);
    expect(t.bearer).toMatch(/^bgw_[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(t.bunqKey).toMatch(/^[0-9a-f]{64}$/);
    expect(t.scopes).toEqual(['read-user', 'read-balance']);
    expect(t.accounts).toEqual([accountId]);
    expect(t.preset).toBe('widget');
    expect(Date.parse(t.expiresAt)).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    ({ id: tokenId, bearer, bunqKey } = t);
  });

  test('token list --json and token show list it without secrets', async () => {
    const [list, show] = await Promise.all([run(['token', 'list', '--json']), run(['token', 'show', tokenId, '--json'])]);
    expect(list.code).toBe(0);
    const tokens = json<{ id: string }[]>(list);
    expect(tokens.map((t) => t.id)).toContain(tokenId);
    expect(show.code).toBe(0);
    expect(json(show)).toMatchObject({ id: tokenId, name: 'w', revokedAt: null });
    for (const out of [list.stdout, show.stdout]) {
      expect(out).not.toContain(bunqKey);
      expect(out).not.toContain(bearer);
      expect(out).not.toContain('bearer');
    }
  });

  test('token show/revoke of an unknown id fails with exit 4 (not found)', async () => {
    const [show, revoke] = await Promise.all([run(['token', 'show', 'no-such-token']), run(['token', 'revoke', 'no-such-token'])]);
    expect(show.code).toBe(4);
    expect(show.stderr).toContain('No token with id no-such-token');
    expect(revoke.code).toBe(4);
  });

  test('token create with a grant the catalog refuses exits 2 and stores nothing', async () => {
    const r = await run(['token', 'create', '--name', 'x', '--scope', 'transfer-everything', '--account', String(accountId), '--expires-in', '1d', '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown scope "transfer-everything"');
    expect(r.stdout).toBe('');
  });

  test('token create --scope create-payment with caps and IBANs; token show reports spend', async () => {
    const r = await run([
      'token', 'create', '--name', 'pay', '--scope', 'create-payment', '--account', String(accountId),
      '--max-per-payment', '50.00', '--cap-day', '100.00', '--iban', 'NL91ABNA0417164300', '--expires-in', '1d',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('shown only once');
    expect(r.stdout).toContain(`Can pay up to €50.00 per payment, €100.00 per day, from account ${accountId} to 1 allowed IBAN (NL91ABNA0417164300)`);
    const id = /\(([0-9a-f-]{36})\)/.exec(r.stdout)![1]!;
    const shown = await run(['token', 'show', id]);
    expect(shown.stdout).toContain('spent:     0.00 of 100.00 EUR this day');
    expect(shown.stdout).not.toContain('bgw_');
  });

  test('status --json reports the bunq context and its session expiry', async () => {
    const r = await run(['status', '--json']);
    expect(r.code).toBe(0);
    const s = json<{ bunq: { configured: boolean; baseUrl: string; userId: number; sessionExpiresAt: string }; upstreamRateLimits: { live: boolean } }>(r);
    expect(s.bunq).toMatchObject({ configured: true, baseUrl: `${emulatorUrl}/v1`, userId });
    expect(Date.parse(s.bunq.sessionExpiresAt)).toBeGreaterThan(Date.now());
    expect(s.upstreamRateLimits.live).toBe(false);
    const human = await run(['status']);
    expect(human.stdout).toContain(`bunq context:  ${emulatorUrl}/v1`);
    expect(human.stdout).toContain('session:     expires');
  });

  test('status without a bunq context exits 1 and says what to do', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-empty-'));
    const r = await run(['status'], { GATEWAY_DATA_DIR: empty });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('not configured (run `bunq-gateway init`)');
  });

  test('explain: an allowed read exits 0, a payment POST exits 3', async () => {
    const body = JSON.stringify({
      amount: { value: '1.00', currency: 'EUR' },
      counterparty_alias: { type: 'IBAN', value: 'NL91ABNA0417164300', name: 'x' },
      description: 'x',
    });
    const [allowed, denied] = await Promise.all([
      run(['explain', '--token-id', tokenId, 'GET', `/v1/user/${userId}/monetary-account`, '--json']),
      run(['explain', '--token-id', tokenId, 'POST', `/v1/user/${userId}/monetary-account/${accountId}/payment`, '--body', body, '--json']),
    ]);
    expect(allowed.code).toBe(0);
    expect(json(allowed)).toMatchObject({ allowed: true });
    expect(denied.code).toBe(3);
    expect(json(denied)).toMatchObject({ allowed: false });
  });

  test('token rotate gives new secrets for the same id', async () => {
    const r = await run(['token', 'rotate', tokenId, '--json']);
    expect(r.code).toBe(0);
    const t = json<{ id: string; bearer: string; bunqKey: string }>(r);
    expect(t.id).toBe(tokenId);
    expect(t.bearer).not.toBe(bearer);
    expect(t.bunqKey).not.toBe(bunqKey);
    bearer = t.bearer;
    bunqKey = t.bunqKey;
  });

  test('serve prints its URLs and the new admin credential once, serves the token, and stops with exit 0 on SIGTERM', async () => {
    const server = await start(['serve', '--port', '0', '--admin-port', '0', '--json']);
    try {
      const url = server.doc['url']!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.doc['adminUrl']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      adminCredential = server.doc['adminCredential']!;
      expect(adminCredential).toMatch(/^bgwadm_/);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ok = await fetch(`${url}/v1/user/${userId}/monetary-account`, { headers: { authorization: `Bearer ${bearer}` } });
      expect(ok.status).toBe(200);
      const viaKey = await fetch(`${url}/v1/user/${userId}/monetary-account`, { headers: { authorization: `Bearer ${bunqKey}` } });
      expect(viaKey.status).toBe(200);
      const noToken = await fetch(`${url}/v1/user/${userId}/monetary-account`);
      expect(noToken.status).toBe(401);
      expect(noToken.headers.get('www-authenticate')).toMatch(/^Bearer /);
      const admin = await fetch(`${server.doc['adminUrl']}/admin/api/v1/tokens/${tokenId}`, { headers: { authorization: `Bearer ${adminCredential}` } });
      expect(admin.status).toBe(200);
    } finally {
      const exit = await stop(server);
      expect(exit).toEqual({ code: 0, signal: null, stderr: '' });
    }
    const again = await start(['serve', '--port', '0', '--admin-port', '0', '--json']);
    try {
      expect(again.doc['adminCredential']).toBeUndefined();
    } finally {
      await stop(again);
    }
  });

  test('audit lists the calls, filtered by token and decision, newest first', async () => {
    const all = await run(['audit', '--json']);
    expect(all.code).toBe(0);
    const events = json<{ id: number; tokenId: string | null; decision: string; status: number }[]>(all);
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events[0]!.id).toBeGreaterThan(events[1]!.id);
    const denied = json<{ decision: string; status: number }[]>(await run(['audit', '--decision', 'deny', '--json']));
    expect(denied.length).toBeGreaterThan(0);
    expect(denied.every((e) => e.decision === 'deny')).toBe(true);
    const mine = json<{ tokenId: string }[]>(await run(['audit', '--token', tokenId, '--limit', '1', '--json']));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.tokenId).toBe(tokenId);
    const future = json<unknown[]>(await run(['audit', '--since', '2999-01-01T00:00:00Z', '--json']));
    expect(future).toEqual([]);
    const human = await run(['audit', '--token', tokenId]);
    expect(human.stdout).toMatch(/ALLOW {2}200 {2}GET \/v1\/user\/\{userID\}\/monetary-account/);
    expect((await run(['audit', '--decision', 'maybe'])).code).toBe(2);
  });

  test('audit --follow prints new calls as they happen and stops with exit 0 on SIGTERM', async () => {
    const server = await start(['serve', '--port', '0', '--admin-port', '0', '--json']);
    const follower = spawn(process.execPath, [BIN, 'audit', '--follow', '--limit', '1', '--json', '--token', tokenId], { cwd: ROOT, env: cliEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(follower);
    let out = '';
    follower.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => follower.on('exit', (code) => resolve(code)));
    try {
      await waitFor(() => out.split('\n').filter(Boolean).length >= 1);
      const before = out.split('\n').filter(Boolean).length;
      await fetch(`${server.doc['url']}/v1/user/${userId}`, { headers: { authorization: `Bearer ${bearer}` } });
      await waitFor(() => out.split('\n').filter(Boolean).length > before);
      const last = JSON.parse(out.trim().split('\n').pop()!) as { tokenId: string; endpoint: string };
      expect(last).toMatchObject({ tokenId, endpoint: 'GET /v1/user/{itemId}' });
    } finally {
      follower.kill('SIGTERM');
      expect(await exited).toBe(0);
      await stop(server);
    }
  });

  test('admin reset-credential prints a new credential once; the old one stops working', async () => {
    const r = await run(['admin', 'reset-credential', '--json']);
    expect(r.code).toBe(0);
    const fresh = json<{ adminCredential: string }>(r).adminCredential;
    expect(fresh).toMatch(/^bgwadm_/);
    expect(fresh).not.toBe(adminCredential);
    const server = await start(['serve', '--port', '0', '--admin-port', '0', '--json']);
    try {
      const url = `${server.doc['adminUrl']}/admin/api/v1/status`;
      expect((await fetch(url, { headers: { authorization: `Bearer ${adminCredential}` } })).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${fresh}` } })).status).toBe(200);
    } finally {
      await stop(server);
    }
  });

  test('token revoke revokes it; list hides it; show reports revokedAt', async () => {
    const r = await run(['token', 'revoke', tokenId, '--json']);
    expect(r.code).toBe(0);
    expect(json(r)).toEqual({ revoked: [tokenId] });
    const [list, show, rotate] = await Promise.all([run(['token', 'list', '--json']), run(['token', 'show', tokenId, '--json']), run(['token', 'rotate', tokenId])]);
    expect(json<{ id: string }[]>(list).map((t) => t.id)).not.toContain(tokenId);
    expect(json<{ revokedAt: string | null }>(show).revokedAt).not.toBeNull();
    expect(rotate.code).toBe(1);
  });

  test('the emulator stops with exit 0 on SIGTERM', async () => {
    expect(await stop(emulator)).toEqual({ code: 0, signal: null, stderr: '' });
  });
});
