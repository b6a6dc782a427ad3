/**
 * scope: the grant MUST hold one of the endpoint's scopes (any-of). The first scope in the
 * catalog entry's order that the grant holds is THE allowing scope: entries list the broadest
 * first (read-transactions before read-recent), so a grant holding both gets the broader view.
 * Runs before every other condition: they read the chosen scope.
 */
import { z } from 'zod';
import type { CatalogEntry, Scope } from '../catalog';
import { deny, type Deny } from '../decision';
import type { Grant } from '../grant';

export const scope = {
  id: 'scope',
  config: z.object({}).strict(),
  evaluate(entry: CatalogEntry, grant: Grant, scopes: ReadonlyMap<string, Scope>): Scope | Deny {
    for (const id of entry.scopes) {
      if (grant.scopes.includes(id)) {
        const found = scopes.get(id);
        if (found !== undefined) return found;
      }
    }
    return deny('scope_missing', 403, entry.scopeMissingMessage, {
      required_scope: entry.scopes[0] ?? null,
      required_scopes: entry.scopes,
    });
  },
} as const;

/** "This token lacks the scope 'a' (or 'b') required for GET /v1/…": built once per entry at load. */
export function scopeMissingMessage(scopes: readonly string[], label: string): string {
  const [first, ...others] = scopes;
  const alternatives = others.length === 0 ? '' : ` (or ${others.map((s) => `'${s}'`).join(', or ')})`;
  return `This token lacks the scope '${String(first)}'${alternatives} required for ${label}.`;
}
