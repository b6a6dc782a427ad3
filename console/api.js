// The admin API client. The session cookie is HttpOnly (never visible here); the CSRF token
// from the login/session answer is kept in memory and sent as X-CSRF-Token on every change.
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error?.code;
  }
}

async function request(method, path, body, retried = false) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.status === 403 && data?.error?.code === 'csrf_invalid' && !retried) {
    // The gateway restarted (new CSRF key): fetch a fresh token for this session once.
    await session();
    return request(method, path, body, true);
  }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

export async function session() {
  const s = await request('GET', '/admin/api/session');
  csrfToken = s.csrfToken;
  return s;
}

export async function login(credential) {
  const s = await request('POST', '/admin/api/session', { credential });
  csrfToken = s.csrfToken;
  return s;
}

export async function logout() {
  await request('DELETE', '/admin/api/session');
  csrfToken = null;
}

const v1 = (p) => `/admin/api/v1${p}`;
export const api = {
  tokens: (all = false) => request('GET', v1(`/tokens${all ? '?all=true' : ''}`)),
  token: (id) => request('GET', v1(`/tokens/${encodeURIComponent(id)}`)),
  createToken: (body) => request('POST', v1('/tokens'), body),
  revoke: (id) => request('POST', v1(`/tokens/${encodeURIComponent(id)}/revoke`)),
  rotate: (id) => request('POST', v1(`/tokens/${encodeURIComponent(id)}/rotate`)),
  audit: (query) => request('GET', v1(`/audit?${new URLSearchParams(query)}`)),
  status: () => request('GET', v1('/status')),
  accounts: () => request('GET', v1('/accounts')),
  presets: () => request('GET', v1('/presets')),
  scopes: () => request('GET', v1('/scopes')),
};
