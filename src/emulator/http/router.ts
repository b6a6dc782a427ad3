/**
 * A tiny exact-match router over bunq path templates such as
 * `/v1/user/{userID}/monetary-account/{monetary-accountID}/payment/{itemId}` (SW path naming,
 * bunq-api.md §1). Every `{…}` segment matches a decimal id only. A path that matches a template
 * with another method gives 405, no template at all gives 404 (§5.2; texts in errors.ts).
 * The template string doubles as the rate-limit "endpoint" (see rate-limit.ts).
 */
import type { RequestContext } from './context';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** Which token X-Bunq-Client-Authentication must carry (bunq-api.md §2 table, §4.1). */
export type AuthKind = 'none' | 'installation' | 'session';

export interface HandlerResult {
  body: unknown;
  status?: number;
}

export type Handler = (ctx: RequestContext) => HandlerResult;

export interface Route {
  method: HttpMethod;
  template: string;
  auth: AuthKind;
  /** 'required': a missing X-Bunq-Client-Signature gives 466 (bunq-api.md §3.2). */
  signature: 'required' | 'optional';
  handler: Handler;
}

interface Compiled {
  route: Route;
  regex: RegExp;
  names: string[];
}

export type RouteMatch =
  | { kind: 'ok'; route: Route; params: Record<string, number> }
  | { kind: 'not-found' }
  | { kind: 'method-not-allowed' };

export class Router {
  readonly #compiled: Compiled[];

  constructor(routes: readonly Route[]) {
    this.#compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.template
        .split('/')
        .map((seg) => {
          const m = /^\{(.+)\}$/.exec(seg);
          if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(m[1] ?? '');
          return '(\\d{1,15})';
        })
        .join('/');
      return { route, regex: new RegExp(`^${source}$`), names };
    });
  }

  match(method: string, path: string): RouteMatch {
    const clean = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
    let pathKnown = false;
    for (const c of this.#compiled) {
      const m = c.regex.exec(clean);
      if (!m) continue;
      pathKnown = true;
      if (c.route.method !== method) continue;
      const params: Record<string, number> = {};
      c.names.forEach((n, i) => { params[n] = Number(m[i + 1]); });
      return { kind: 'ok', route: c.route, params };
    }
    return pathKnown ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  }
}
