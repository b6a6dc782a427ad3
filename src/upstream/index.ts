/** The upstream bunq API-context client: the only code that talks to bunq. */
export { BunqClient } from './bunq-client';
export {
  BunqApiError,
  UpstreamError,
  UpstreamRateLimited,
  UpstreamRequestInvalid,
  UpstreamSignatureInvalid,
  UpstreamTimeout,
  UpstreamUnavailable,
  isUpstreamError,
  type UpstreamOutcome,
} from './bunq-errors';
export { initBunqContext, type InitOptions } from './context/init-context';
export { loadBunqClient } from './context/load-client';
export type {
  BunqClientDeps,
  BunqContextStatus,
  BunqContextSummary,
  UpstreamRequest,
  UpstreamResponse,
} from './types';
