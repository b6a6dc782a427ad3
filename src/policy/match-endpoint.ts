/**
 * method + normalised path → exactly one catalog entry, otherwise nothing (deny by default;
 * oathkeeper's rule repository Match). A trie built once at load: per segment, an id goes to
 * the single parameter child and a literal to its exact child, so matching is O(segments)
 * with no backtracking and no regex.
 */
import type { HttpMethod } from './call';
import type { CatalogEntry } from './catalog';

interface Node {
  readonly literals: Map<string, Node>;
  param: Node | undefined;
  readonly methods: Map<HttpMethod, CatalogEntry>;
}

export interface Router {
  readonly root: Node;
}

/** A parsed path: literal segments as strings, ids as numbers (see normalize/parse-target.ts). */
export type PathSegments = readonly (string | number)[];

export type MatchResult =
  | { readonly kind: 'match'; readonly entry: CatalogEntry; readonly params: Readonly<Record<string, number>> }
  | { readonly kind: 'method_not_allowed'; readonly allowed: readonly HttpMethod[] }
  | { readonly kind: 'no_match' };

const newNode = (): Node => ({ literals: new Map(), param: undefined, methods: new Map() });

export function buildRouter(entries: readonly CatalogEntry[]): Router {
  const root = newNode();
  for (const entry of entries) {
    let node = root;
    for (const segment of entry.segments) {
      if (segment.kind === 'param') {
        node.param ??= newNode();
        node = node.param;
      } else {
        let next = node.literals.get(segment.value);
        if (next === undefined) node.literals.set(segment.value, (next = newNode()));
        node = next;
      }
    }
    node.methods.set(entry.method, entry); // unique: the catalog refused ambiguous entries
  }
  return { root };
}

const NO_MATCH: MatchResult = { kind: 'no_match' };

export function matchEndpoint(router: Router, method: HttpMethod, segments: PathSegments): MatchResult {
  let node: Node | undefined = router.root;
  const ids: number[] = [];
  for (let i = 0; i < segments.length && node !== undefined; i++) {
    const segment = segments[i];
    if (typeof segment === 'number') {
      ids.push(segment);
      node = node.param;
    } else {
      node = node.literals.get(segment as string);
    }
  }
  if (node === undefined || node.methods.size === 0) return NO_MATCH;
  const entry = node.methods.get(method);
  if (entry === undefined) return { kind: 'method_not_allowed', allowed: [...node.methods.keys()] };
  const params: Record<string, number> = {};
  for (let i = 0; i < entry.params.length; i++) params[entry.params[i] as string] = ids[i] as number;
  return { kind: 'match', entry, params };
}
