/**
 * ownership: objects a token creates are recorded as its own (action "record"); a scope
 * restricted to own objects (restriction "own-objects", e.g. read-key-requests, cancel-request)
 * may touch one object only if the token owns it ("require": the pipeline checks the store)
 * and sees only its own objects in lists ("filter"). The store lookup is I/O, so it happens in
 * the pipeline; ownershipDenied() builds the refusal with the same reason id and wording.
 */
import { z } from 'zod';
import { deny, type Deny, type OwnedKind } from '../decision';
import { PASS, defineCondition } from './condition';

const OwnershipConfig = z
  .object({
    kind: z.enum(['request-inquiry', 'draft-payment']),
    action: z.enum(['record', 'require', 'filter']),
    /** For "require": the path parameter holding the object's id. */
    param: z.string().optional(),
  })
  .strict()
  .refine((c) => (c.action === 'require') === (c.param !== undefined), {
    message: 'param is required for action "require" and only for it',
  });

export const ownership = defineCondition({
  id: 'ownership',
  config: OwnershipConfig,
  params: (config) => (config.param === undefined ? [] : [config.param]),
  needsIntent: false,
  evaluate(config, { scope, call }) {
    if (config.action === 'record') return { allowed: true, effect: { recordOwnership: { kind: config.kind } } };
    if (scope.restriction !== 'own-objects') return PASS;
    if (config.action === 'filter') {
      return { allowed: true, effect: config.kind === 'request-inquiry' ? { ownRequestsOnly: true } : { ownDraftsOnly: true } };
    }
    const itemId = call.params[config.param ?? ''];
    if (itemId === undefined) return deny('invalid_request', 400, 'The path names no object id.');
    return { allowed: true, effect: { requireOwnership: { kind: config.kind, itemId } } };
  },
});

/** The refusal the pipeline returns when the store says the token does not own the object. */
export function ownershipDenied(kind: OwnedKind, itemId: number): Deny {
  return deny(
    'object_not_owned',
    403,
    `This token may only use the ${kind} ${itemId} if it created it; it did not.`,
    { object_kind: kind, object_id: itemId },
  );
}
