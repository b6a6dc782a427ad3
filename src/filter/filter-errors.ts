/**
 * The filter stage's refusals. It FAILS CLOSED: an answer it cannot check is withheld (502),
 * and an object the token may not see reads as absent (404, one message whatever the reason, so
 * the answer is no oracle for other accounts' ids). Codes come from lib/errors.ts.
 */
import { GatewayError } from '../lib/errors';

/** Why an upstream answer was withheld; our own words only, never upstream content. */
export type ShapeReason =
  | 'not_an_object'
  | 'unknown_top_level_key'
  | 'response_not_an_array'
  | 'wrapper_not_single_key'
  | 'wrapper_not_an_object'
  | 'unknown_wrapper'
  | 'id_missing'
  | 'account_id_missing'
  | 'not_exactly_one_object'
  | 'not_an_id_answer'
  | 'pagination_not_an_object'
  | 'nested_not_an_object';

/** 502: bunq answered with something the filter does not know how to cut down. */
export class UnexpectedUpstreamAnswer extends GatewayError {
  constructor(reason: ShapeReason) {
    const message = 'bunq returned an answer the gateway cannot check, so it is withheld.';
    super('upstream_error', 502, message, { details: { reason } });
  }
}

/** 404: the object exists upstream but lies outside the token's accounts, window or own set. */
export class ObjectNotVisible extends GatewayError {
  constructor() {
    super('not_found', 404, 'The requested object was not found.');
  }
}

/** 500, not exposed: the pipeline built a FilterSpec the filter cannot honour. */
export class FilterMisconfigured extends GatewayError {
  constructor(reason: 'unknown_kind' | 'list_path_invalid') {
    super('internal_error', 500, `filter stage misconfigured: ${reason}`, {
      details: { reason },
      expose: false,
    });
  }
}
