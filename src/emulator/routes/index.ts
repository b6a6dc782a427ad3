/**
 * The emulated bunq surface (bunq-api.md §2, §9; bunq-clients.md §5): every route with its auth
 * kind and signature rule. Anything else under /v1 → 404, a known path with another method → 405.
 */
import type { Route } from '../http/router';
import { sandboxRoutes } from './sandbox-routes';
import { handshakeRoutes } from './handshake-routes';
import { contextReadRoutes } from './context-read-routes';
import { userRoutes } from './user-routes';
import { accountRoutes } from './account-routes';
import { paymentRoutes } from './payment-routes';
import { paymentBatchRoutes } from './payment-batch-routes';
import { draftPaymentRoutes } from './draft-payment-routes';
import { requestRoutes } from './request-routes';

export const allRoutes: readonly Route[] = [
  ...sandboxRoutes,
  ...handshakeRoutes,
  ...contextReadRoutes,
  ...userRoutes,
  ...accountRoutes,
  ...paymentRoutes,
  ...paymentBatchRoutes,
  ...draftPaymentRoutes,
  ...requestRoutes,
];
