/**
 * Path templates of the catalog ("/user/{userID}/monetary-account/{monetary-accountID}") filled
 * with values. Split once per template (the catalog holds a fixed set) instead of running a
 * regular expression with a callback on every call.
 */
const compiled = new Map<string, readonly string[]>();

/** Literal text at even indexes, parameter names at odd ones. */
function partsOf(template: string): readonly string[] {
  let parts = compiled.get(template);
  if (parts === undefined) compiled.set(template, (parts = Object.freeze(template.split(/\{([^}]+)\}/))));
  return parts;
}

export function fillTemplate(template: string, valueOf: (name: string) => string): string {
  const parts = partsOf(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) out += valueOf(parts[i]!) + parts[i + 1]!;
  return out;
}
