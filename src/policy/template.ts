/**
 * bunq path templates as written in policies/endpoints.json and bunq's swagger (bunq-api.md §1):
 * relative to /v1, "/" separated; literal segments are lower-case [a-z][a-z0-9-]*, parameters
 * are {name}. A literal can never look like an id (ids are digits), so matching never needs
 * to backtrack. Compiled once at load into segment arrays; no regex is built per request.
 */

export type TemplateSegment =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'param'; readonly name: string };

export interface CompiledTemplate {
  readonly segments: readonly TemplateSegment[];
  /** Parameter names in path order. */
  readonly params: readonly string[];
  /** The template with parameter names erased: two entries with one shape and method are ambiguous. */
  readonly shape: string;
}

const LITERAL = /^[a-z][a-z0-9-]*$/;
const PARAM = /^\{([A-Za-z][A-Za-z0-9-]*)\}$/;

/** Throws TypeError with a message naming the problem (the catalog adds file and entry). */
export function compileTemplate(template: string): CompiledTemplate {
  if (typeof template !== 'string' || !template.startsWith('/') || template.length > 512) {
    throw new TypeError(`bad template ${JSON.stringify(template)}: must start with "/" and be at most 512 characters`);
  }
  if (template.startsWith('/v1/')) {
    throw new TypeError(`bad template ${JSON.stringify(template)}: templates are relative to /v1, drop the prefix`);
  }
  const segments: TemplateSegment[] = [];
  const params: string[] = [];
  for (const raw of template.slice(1).split('/')) {
    const param = PARAM.exec(raw);
    if (param) {
      const name = param[1] as string;
      if (params.includes(name)) throw new TypeError(`bad template ${JSON.stringify(template)}: parameter {${name}} appears twice`);
      params.push(name);
      segments.push({ kind: 'param', name });
    } else if (LITERAL.test(raw)) {
      segments.push({ kind: 'literal', value: raw });
    } else {
      throw new TypeError(`bad template ${JSON.stringify(template)}: segment ${JSON.stringify(raw)} is neither a literal nor a {parameter}`);
    }
  }
  const shape = segments.map((s) => (s.kind === 'literal' ? s.value : '{}')).join('/');
  return { segments, params, shape: `/${shape}` };
}
