/**
 * recent-window: when the allowing scope is restricted to a recent window (read-recent), the
 * caller may see only items created in the last grant.recentDays days (default 30). Item dates
 * are only known from bunq's response, so this condition never refuses: it tells the filter
 * stage where the window starts (windowStartMs = now − recentDays × 24 h).
 */
import { z } from 'zod';
import { PASS, defineCondition } from './condition';

const DAY_MS = 86_400_000;

export const recentWindow = defineCondition({
  id: 'recent-window',
  config: z.object({}).strict(),
  params: () => [],
  needsIntent: false,
  evaluate(_config, { scope, grant, ctx }) {
    if (scope.restriction !== 'recent-window') return PASS;
    return { allowed: true, effect: { windowStartMs: ctx.now - grant.recentDays * DAY_MS } };
  },
});
