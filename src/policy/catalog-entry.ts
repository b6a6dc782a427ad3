/**
 * Builds one CatalogEntry from one endpoints.json item, recording every problem with the file
 * and the entry's id. Rules: upstream entries name ≥1 known scope, a response kind, a known
 * body schema exactly when POST/PUT, query params only on GET; gateway/refused entries carry a
 * note and nothing else; every path parameter is checked by some condition (a trailing {itemId}
 * under a checked monetary account is bunq-scoped and may stay unchecked); a body that moves
 * money needs ALL money conditions; a restricted scope needs the condition that enforces it.
 */
import { BODY_SPECS, type BodySchemaName } from './bodies';
import { EntrySchema, type EntryInput } from './catalog-schema';
import { zodProblems, type CatalogEntry, type Scope } from './catalog';
import { CONDITIONS, type BoundCondition } from './conditions';
import { scopeMissingMessage } from './conditions/scope';
import { compileTemplate, type CompiledTemplate } from './template';

type BaseScope = Omit<Scope, 'movesMoney'>;

function bindConditions(e: EntryInput, t: CompiledTemplate, hasIntent: boolean, fail: (m: string) => void) {
  const bound: BoundCondition[] = [];
  const claimed = new Set<string>();
  for (const id of Object.keys(e.conditions)) {
    if (!CONDITIONS.some((c) => c.id === id)) fail(`unknown condition "${id}"`);
  }
  for (const condition of CONDITIONS) {
    if (!Object.hasOwn(e.conditions, condition.id)) continue;
    const parsed = condition.config.safeParse(e.conditions[condition.id]);
    if (!parsed.success) {
      fail(`condition "${condition.id}": bad config: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
      continue;
    }
    const config: unknown = parsed.data;
    for (const p of condition.params(config)) {
      if (t.params.includes(p)) claimed.add(p);
      else fail(`condition "${condition.id}" names {${p}}, which is not in the path`);
    }
    if (condition.needsIntent && !hasIntent) fail(`condition "${condition.id}" needs a body that moves money`);
    bound.push({ id: condition.id, config, evaluate: (input) => condition.evaluate(config, input) });
  }
  return { bound, claimed };
}

function checkBound(e: EntryInput, t: CompiledTemplate, claimed: Set<string>, hasIntent: boolean, scopes: Map<string, BaseScope>, fail: (m: string) => void) {
  const has = (id: string) => Object.hasOwn(e.conditions, id);
  const last = t.segments.at(-1);
  const bunqScoped = last?.kind === 'param' && last.name === 'itemId' && has('monetary-account');
  for (const p of t.params) {
    if (!claimed.has(p) && !(bunqScoped && p === 'itemId')) fail(`path parameter {${p}} is not checked by any condition`);
  }
  if (hasIntent) {
    for (const c of CONDITIONS) if (c.needsIntent && !has(c.id)) fail(`body "${e.body}" moves money but condition "${c.id}" is missing`);
    if (!has('monetary-account')) fail(`body "${e.body}" moves money but condition "monetary-account" is missing`);
    const param = (id: string) => (e.conditions[id] as { param?: string } | undefined)?.param;
    if (param('source-account') !== param('monetary-account')) fail('conditions "source-account" and "monetary-account" must name the same parameter');
  }
  for (const id of e.scopes) {
    const restriction = scopes.get(id)?.restriction;
    if (restriction === 'recent-window' && !has('recent-window')) fail(`scope "${id}" is restricted to a recent window but condition "recent-window" is missing`);
    const action = (e.conditions['ownership'] as { action?: string } | undefined)?.action;
    if (restriction === 'own-objects' && action !== 'require' && action !== 'filter') {
      fail(`scope "${id}" is restricted to own objects but no "ownership" condition requires or filters them`);
    }
  }
}

export function buildEntry(input: unknown, index: number, file: string, scopes: Map<string, BaseScope>, problems: string[]): CatalogEntry | undefined {
  const name = typeof (input as { id?: unknown } | null)?.id === 'string' ? `entry "${(input as { id: string }).id}"` : `entry #${index}`;
  const parsed = EntrySchema.safeParse(input);
  if (!parsed.success) {
    problems.push(...zodProblems(file, name, parsed.error));
    return undefined;
  }
  const e = parsed.data;
  const before = problems.length;
  const fail = (message: string) => problems.push(`${file}: ${name}: ${message}`);
  let template: CompiledTemplate = { segments: [], params: [], shape: '' };
  try {
    template = compileTemplate(e.path);
  } catch (error) {
    fail((error as Error).message);
  }
  const upstream = e.handledBy === 'upstream';
  const bodyName = e.body as BodySchemaName | undefined;
  const bodySpec = bodyName !== undefined && Object.hasOwn(BODY_SPECS, bodyName) ? BODY_SPECS[bodyName] : null;
  if (bodyName !== undefined && bodySpec === null) fail(`unknown body schema "${bodyName}"`);
  for (const s of e.scopes) if (!scopes.has(s)) fail(`unknown scope "${s}"`);
  if (upstream) {
    if (e.scopes.length === 0) fail('an upstream endpoint needs at least one scope');
    if (e.response === undefined) fail('an upstream endpoint needs a response kind');
    const wantsBody = e.method === 'POST' || e.method === 'PUT';
    if (wantsBody && bodyName === undefined) fail(`${e.method} needs a body schema`);
    if (!wantsBody && bodyName !== undefined) fail(`${e.method} takes no body`);
    if (e.method !== 'GET' && e.query.length > 0) fail('query parameters are only allowed on GET');
  } else if (e.scopes.length || bodyName || e.response || e.query.length || Object.keys(e.conditions).length || !e.note) {
    fail(`a "${e.handledBy}" endpoint has a note and no scopes, response, body, query or conditions`);
  }
  const hasIntent = bodySpec !== null && 'intent' in bodySpec;
  const { bound, claimed } = bindConditions(e, template, hasIntent, fail);
  if (upstream) checkBound(e, template, claimed, hasIntent, scopes, fail);
  if (problems.length > before) return undefined;
  const ownership = e.conditions['ownership'] as { kind: 'request-inquiry' | 'draft-payment'; action: string } | undefined;
  const label = `${e.method} /v1${e.path}`;
  return {
    id: e.id,
    method: e.method,
    path: e.path,
    label,
    handledBy: e.handledBy,
    scopes: e.scopes,
    response: e.response ?? null,
    body: bodyName ?? null,
    bodySpec,
    query: new Set(e.query),
    params: template.params,
    segments: template.segments,
    conditions: bound,
    ...(ownership?.action === 'record' ? { recordOwnership: { kind: ownership.kind } } : {}),
    note: e.note ?? null,
    scopeMissingMessage: scopeMissingMessage(e.scopes, label),
  };
}
