/**
 * Checks across catalog entries: unique ids; NO TWO ENTRIES MAY MATCH THE SAME METHOD AND PATH
 * (literals never match ids, so equal shapes are exactly the ambiguous pairs); a draft rewrite
 * target is a draft-payment create with the same parameters and scopes; every scope is used,
 * read scopes allow only GETs, and only money scopes allow bodies that move money.
 */
import type { CatalogEntry, Scope } from './catalog';

type BaseScope = Omit<Scope, 'movesMoney'>;

function shapeOf(entry: CatalogEntry): string {
  return entry.segments.map((s) => (s.kind === 'literal' ? s.value : '{}')).join('/');
}

function checkDraftTarget(entry: CatalogEntry, byId: Map<string, CatalogEntry>, fail: (m: string) => void): void {
  const config = entry.conditions.find((c) => c.id === 'iban-allowlist')?.config as { draftEndpoint?: string } | undefined;
  const targetId = config?.draftEndpoint;
  if (targetId === undefined) return;
  const target = byId.get(targetId);
  if (target === undefined || target.handledBy !== 'upstream' || target.method !== 'POST' || target.body !== 'draft-payment-create') {
    fail(`iban-allowlist draftEndpoint "${targetId}" must be an upstream POST entry with body "draft-payment-create"`);
    return;
  }
  if (!target.params.every((p) => entry.params.includes(p))) fail(`draftEndpoint "${targetId}" needs path parameters this entry does not have`);
  if (!entry.scopes.every((s) => target.scopes.includes(s))) fail(`draftEndpoint "${targetId}" must allow every scope of this entry`);
}

export function checkEntries(
  entries: readonly CatalogEntry[],
  baseScopes: ReadonlyMap<string, BaseScope>,
  endpointFile: string,
  scopeFile: string,
  problems: string[],
): Map<string, Scope> {
  const byId = new Map<string, CatalogEntry>();
  const byShape = new Map<string, string>();
  for (const entry of entries) {
    const fail = (m: string) => problems.push(`${endpointFile}: entry "${entry.id}": ${m}`);
    if (byId.has(entry.id)) fail('duplicate id');
    else byId.set(entry.id, entry);
    const key = `${entry.method} /${shapeOf(entry)}`;
    const other = byShape.get(key);
    if (other !== undefined) fail(`ambiguous: entries "${other}" and "${entry.id}" both match ${key}`);
    else byShape.set(key, entry.id);
  }
  for (const entry of entries) checkDraftTarget(entry, byId, (m) => problems.push(`${endpointFile}: entry "${entry.id}": ${m}`));

  const scopes = new Map<string, Scope>();
  for (const base of baseScopes.values()) {
    const uses = entries.filter((e) => e.handledBy === 'upstream' && e.scopes.includes(base.id));
    const movesMoney = uses.some((e) => e.bodySpec !== null && 'intent' in e.bodySpec);
    const fail = (m: string) => problems.push(`${scopeFile}: scope "${base.id}": ${m}`);
    if (uses.length === 0) fail('no endpoint in endpoints.json uses this scope');
    if (base.group === 'read' && uses.some((e) => e.method !== 'GET')) fail('a read scope may only allow GET endpoints');
    if (movesMoney && base.group !== 'money') fail('allows an endpoint that moves money, so its group must be "money"');
    scopes.set(base.id, { ...base, movesMoney });
  }
  return scopes;
}
