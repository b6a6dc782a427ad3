/**
 * user-id: the {userID} (or /user/{itemId}) in the path MUST equal the owner's bunq user id.
 * The gateway holds one bunq API key, so it serves exactly one user (bunq-api.md §2.3: the
 * session user's id is the {userID} of every further path).
 */
import { z } from 'zod';
import { deny } from '../decision';
import { PASS, defineCondition } from './condition';

export const userId = defineCondition({
  id: 'user-id',
  config: z.object({ param: z.string() }).strict(),
  params: (config) => [config.param],
  needsIntent: false,
  evaluate(config, { call, ctx }) {
    const value = call.params[config.param];
    if (value === ctx.bunqUserId) return PASS;
    return deny(
      'user_not_allowed',
      403,
      `The user id ${String(value)} in the path is not the bunq user this token acts for; use the id returned by GET /v1/user.`,
      { user_id: value ?? null },
    );
  },
});
