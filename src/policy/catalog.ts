/**
 * Loads policies/ ONCE at start-up, validates it with zod and cross-checks it; a bad catalog
 * REFUSES TO START with a CatalogError naming every bad file and entry (style guide: deny by
 * default; two entries that could match one request are a configuration error, as in
 * oathkeeper's rule repository). Templates are compiled into a trie here; nothing is compiled
 * per request.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseStrictJson } from '../lib/strict-json';
import type { BodySchemaName, BodySpec } from './bodies';
import type { HttpMethod, ResponseKind } from './call';
import { EndpointFileSchema, ScopeFileSchema, type Preset, type QueryParam } from './catalog-schema';
import { buildEntry } from './catalog-entry';
import { checkEntries } from './catalog-checks';
import type { BoundCondition } from './conditions';
import type { OwnedKind } from './decision';
import { buildRouter, type Router } from './match-endpoint';
import { loadPresets } from './preset';
import type { TemplateSegment } from './template';

export type { Preset } from './catalog-schema';

export interface Scope {
  readonly id: string;
  readonly group: 'read' | 'write' | 'money';
  readonly title: string;
  readonly description: string;
  readonly restriction?: 'recent-window' | 'own-objects';
  readonly includes: readonly string[];
  readonly personalData: boolean;
  /** Derived: the scope allows an endpoint whose body moves money (needs grant.payment). */
  readonly movesMoney: boolean;
}

export interface CatalogEntry {
  readonly id: string;
  readonly method: HttpMethod;
  /** bunq's template, relative to /v1. */
  readonly path: string;
  /** "POST /v1/user/{userID}/…", for messages. */
  readonly label: string;
  readonly handledBy: 'upstream' | 'gateway' | 'refused';
  readonly scopes: readonly string[];
  readonly response: ResponseKind | null;
  readonly body: BodySchemaName | null;
  readonly bodySpec: BodySpec | null;
  readonly query: ReadonlySet<QueryParam>;
  readonly params: readonly string[];
  readonly segments: readonly TemplateSegment[];
  readonly conditions: readonly BoundCondition[];
  readonly recordOwnership?: { readonly kind: OwnedKind };
  readonly note: string | null;
  readonly scopeMissingMessage: string;
}

export interface Catalog {
  readonly dir: string;
  readonly scopes: ReadonlyMap<string, Scope>;
  readonly entries: readonly CatalogEntry[];
  readonly byId: ReadonlyMap<string, CatalogEntry>;
  readonly presets: ReadonlyMap<string, Preset>;
  /** Scopes whose holder sees unredacted personal data. */
  readonly personalDataScopes: ReadonlySet<string>;
  /** Scopes that read an account's balance or its payments (monetary-account.one, payment.list). */
  readonly balanceScopes: ReadonlySet<string>;
  readonly router: Router;
  /** The entry with this id, if any. */
  get(id: string): CatalogEntry | undefined;
}

export class CatalogError extends TypeError {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid policy catalog (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  ${problems.join('\n  ')}`);
    this.name = 'CatalogError';
    this.problems = problems;
  }
}

/** <repo>/policies: two levels above this file both in src/policy and in dist/policy. */
export const DEFAULT_POLICIES_DIR = path.resolve(__dirname, '..', '..', 'policies');

/** Returned by readPolicyFile when the file could not be read or parsed (the problem is recorded). */
export const UNREADABLE: unique symbol = Symbol('unreadable');

export function readPolicyFile(file: string, problems: string[]): unknown {
  try {
    return parseStrictJson(readFileSync(file), { maxBytes: 1024 * 1024, maxDepth: 16 });
  } catch (error) {
    const message = (error as { message?: unknown } | null)?.message;
    problems.push(`${file}: ${typeof message === 'string' ? message : String(error)}`);
    return UNREADABLE;
  }
}

export function zodProblems(file: string, where: string, error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string[] {
  return error.issues.map((i) => `${file}: ${where}${i.path.length ? ` field "${i.path.map(String).join('.')}"` : ''}: ${i.message}`);
}

function loadScopes(file: string, problems: string[]): Map<string, Omit<Scope, 'movesMoney'>> {
  const scopes = new Map<string, Omit<Scope, 'movesMoney'>>();
  const data = readPolicyFile(file, problems);
  if (data === UNREADABLE) return scopes;
  const parsed = ScopeFileSchema.safeParse(data);
  if (!parsed.success) {
    problems.push(...zodProblems(file, 'scopes', parsed.error));
    return scopes;
  }
  for (const s of parsed.data.scopes) {
    if (scopes.has(s.id)) problems.push(`${file}: scope "${s.id}": duplicate id`);
    const { restriction, ...rest } = s;
    scopes.set(s.id, restriction === undefined ? rest : { ...rest, restriction });
  }
  for (const s of scopes.values()) {
    for (const inc of s.includes) if (!scopes.has(inc) || inc === s.id) problems.push(`${file}: scope "${s.id}": includes unknown scope "${inc}"`);
  }
  return scopes;
}

export function loadCatalog(dir: string = DEFAULT_POLICIES_DIR): Catalog {
  const problems: string[] = [];
  const scopeFile = path.join(dir, 'scopes.json');
  const endpointFile = path.join(dir, 'endpoints.json');
  const baseScopes = loadScopes(scopeFile, problems);
  const data = readPolicyFile(endpointFile, problems);
  const file = data === UNREADABLE ? undefined : EndpointFileSchema.safeParse(data);
  if (file !== undefined && !file.success) problems.push(...zodProblems(endpointFile, 'endpoints', file.error));
  const raw = file?.success ? file.data.endpoints : [];
  const entries = raw.flatMap((input, index) => buildEntry(input, index, endpointFile, baseScopes, problems) ?? []);
  const scopes = checkEntries(entries, baseScopes, endpointFile, scopeFile, problems);
  const presets = loadPresets(path.join(dir, 'presets'), scopes, problems);
  if (problems.length > 0) throw new CatalogError(problems);
  const personalDataScopes = new Set([...scopes.values()].filter((s) => s.personalData).map((s) => s.id));
  const byId = new Map(entries.map((e) => [e.id, e]));
  // Whoever may read an account's balance or its payments' balances after each payment.
  const balanceScopes = new Set(['monetary-account.one', 'payment.list'].flatMap((id) => byId.get(id)?.scopes ?? []));
  return Object.freeze({
    dir,
    scopes,
    entries,
    byId,
    get: (id: string) => byId.get(id),
    presets,
    personalDataScopes,
    balanceScopes,
    router: buildRouter(entries),
  });
}
