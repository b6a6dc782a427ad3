/**
 * The admin listener's express app (separate from the gateway's: its own port, bound to
 * 127.0.0.1 by default). Serves:
 *   /                         the web console (static HTML, ES modules, CSS from <repo>/console)
 *   /admin/api/openapi.json   the generated OpenAPI 3.1 document
 *   /admin/api/session        console login (credential → HttpOnly SameSite=Strict cookie), logout
 *   /admin/api/v1/…           the admin API (routes.ts), admin credential or session + CSRF
 * Strict CSP: scripts, styles and requests only from this origin, no inline code at all.
 */
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Request, type Response } from 'express';
import helmet from 'helmet';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z, type ZodType } from 'zod';
import { repoRoot } from '../config/schema';
import type { Logger } from '../lib/logger';
import type { AdminCredential } from './admin-credential';
import { adminErrorHandler, sendError } from './admin-errors';
import { createAdminAuth, SESSION_COOKIE, sessionIdOf } from './admin-auth';
import type { AdminSessions } from './admin-sessions';
import { buildOpenApiDocument } from './openapi';
import type { OwnerService } from './owner-service';
import { ADMIN_ROUTES, API_PREFIX, type AdminRoute } from './routes';
import { LoginRequest } from './schemas';

export const CONSOLE_DIR = path.join(repoRoot, 'console');
const LOGIN_ATTEMPTS_PER_MINUTE = 10;
/** Routes without query parameters refuse any. */
const NoQuery = z.object({}).strict();

export interface AdminAppDeps {
  readonly service: OwnerService;
  readonly credential: AdminCredential;
  readonly sessions: AdminSessions;
  readonly secureCookies: boolean;
  readonly logger: Logger;
  readonly version: string;
  /**
   * The listener is bound to a loopback address: then only loopback Host names are served, so
   * a web page that DNS-rebinds its own name to 127.0.0.1 cannot talk to the console as its
   * own origin.
   */
  readonly loopbackOnly: boolean;
}

const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

export function isLoopbackAddress(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

function parse<T>(schema: ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${[where, ...i.path.map(String)].join('.')}: ${i.message}`);
  throw Object.assign(new Error(problems.join('; ')), { adminInvalid: problems });
}

function mount(router: express.Router, route: AdminRoute, service: OwnerService): void {
  const expressPath = route.path.replace(/\{(\w+)\}/g, ':$1');
  router[route.method](expressPath, async (req: Request, res: Response) => {
    let input;
    try {
      input = {
        params: route.params ? (parse(route.params, req.params, 'path') as Record<string, string>) : {},
        query: parse((route.query ?? NoQuery) as ZodType<Record<string, unknown>>, req.query, 'query'),
        body: route.body ? parse(route.body, req.body, 'body') : undefined,
      };
    } catch (err) {
      const problems = (err as { adminInvalid?: string[] }).adminInvalid;
      if (!problems) throw err;
      sendError(res, 400, 'body_invalid', problems.join('; '), { problems });
      return;
    }
    const result = await route.handle(service, input);
    res.status(route.status).json(result);
  });
}

export function createAdminApp(deps: AdminAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  if (deps.loopbackOnly) {
    app.use((req, res, next) => {
      if (LOOPBACK_HOST.test(req.headers.host ?? '')) {
        next();
        return;
      }
      res.status(421).type('text/plain').send('This console only answers to localhost, 127.0.0.1 or [::1].');
    });
  }
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  app.use(cookieParser());
  const auth = createAdminAuth(deps);
  const loginLimiter = new RateLimiterMemory({ points: LOGIN_ATTEMPTS_PER_MINUTE, duration: 60 });
  const cookie = { httpOnly: true, sameSite: 'strict' as const, secure: deps.secureCookies, path: '/' };

  const api = express.Router();
  api.use((_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  // Bodies are JSON only: a cross-site HTML form cannot send application/json without a CORS
  // preflight, which this server never answers.
  api.use((req, res, next) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !req.is('application/json')) {
      sendError(res, 415, 'unsupported_media_type', 'Send request bodies as application/json.');
      return;
    }
    next();
  });
  api.use(express.json({ limit: '64kb', strict: true }));

  const openapi = buildOpenApiDocument(deps.version);
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });

  api.post('/session', async (req, res) => {
    try {
      await loginLimiter.consume(req.socket.remoteAddress ?? 'unknown');
    } catch (rej) {
      if (!(rej instanceof RateLimiterRes)) throw rej;
      res.setHeader('retry-after', String(Math.ceil(rej.msBeforeNext / 1000)));
      sendError(res, 429, 'rate_limited', 'Too many login attempts; wait a minute.');
      return;
    }
    const body = LoginRequest.safeParse(req.body);
    if (!body.success) {
      sendError(res, 400, 'body_invalid', 'Send {"credential":"bgwadm_…"}.');
      return;
    }
    if (!(await deps.credential.verify(body.data.credential.trim()))) {
      sendError(res, 401, 'unauthorized', 'That is not the admin credential.');
      return;
    }
    const session = await deps.sessions.create();
    res.cookie(SESSION_COOKIE, session.id, { ...cookie, expires: session.expiresAt });
    // The CSRF token is bound to the session just created, which the browser sends from now on.
    (req.cookies as Record<string, string>)[SESSION_COOKIE] = session.id;
    res.json({ authenticated: true, csrfToken: auth.csrfToken(req, res), expiresAt: session.expiresAt.toISOString() });
  });
  api.get('/session', auth.requireAdmin, (req, res) => {
    res.json({ authenticated: true, csrfToken: auth.csrfToken(req, res), expiresAt: null });
  });
  api.delete('/session', async (req, res) => {
    const id = sessionIdOf(req);
    if (id && !auth.validateCsrf(req)) {
      sendError(res, 403, 'csrf_invalid', 'Missing or invalid X-CSRF-Token for this session.');
      return;
    }
    await deps.sessions.destroy(id);
    res.clearCookie(SESSION_COOKIE, cookie);
    res.status(204).end();
  });

  const v1 = express.Router();
  v1.use(auth.requireAdmin);
  for (const route of ADMIN_ROUTES) mount(v1, route, deps.service);
  api.use(API_PREFIX.slice('/admin/api'.length), v1);
  api.use((_req, res) => sendError(res, 404, 'not_found', 'No such admin API route.'));
  api.use(adminErrorHandler(deps.logger));
  app.use('/admin/api', api);

  app.use(express.static(CONSOLE_DIR, { index: 'index.html', dotfiles: 'deny', setHeaders: (res) => res.setHeader('cache-control', 'no-cache') }));
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  return app;
}
