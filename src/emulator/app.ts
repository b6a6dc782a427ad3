/**
 * The emulator as a plain Node request handler (works with http.createServer, supertest, or
 * mounted in express). /_emulator/* goes to the control API; everything else is bunq (/v1).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Emulator, type ServerKeyPair } from './emulator';
import { toConfig, type EmulatorOptions } from './options';
import { Router } from './http/router';
import { handleBunq } from './http/pipeline';
import { readRawBody } from './http/raw-body';
import { allRoutes } from './routes';
import { createControl, type EmulatorControl } from './control/control';
import { createControlHandler } from './control/control-http';

export type EmulatorApp = ((req: IncomingMessage, res: ServerResponse) => void) & { readonly control: EmulatorControl };

export function buildEmulatorApp(opts: EmulatorOptions, keys?: ServerKeyPair): EmulatorApp {
  const em = new Emulator(toConfig(opts), keys);
  const router = new Router(allRoutes);
  const control = createControl(em);
  const controlHandler = createControlHandler(control);
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    readRawBody(req)
      .then((raw) => {
        const url = new URL(req.url ?? '/', 'http://emulator.invalid');
        if (url.pathname === '/_emulator' || url.pathname.startsWith('/_emulator/')) {
          return controlHandler((req.method ?? 'GET').toUpperCase(), url, raw, res);
        }
        return handleBunq(em, router, req, res, url, raw);
      })
      .catch(() => {
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end();
        } else {
          res.destroy();
        }
      });
  };
  return Object.assign(handler, { control });
}
