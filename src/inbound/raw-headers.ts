/** Header look-ups on node's rawHeaders list, which keeps duplicates visible. */
export function headerValues(rawHeaders: readonly string[], name: string): string[] {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]!.toLowerCase() === wanted) values.push(rawHeaders[i + 1]!);
  }
  return values;
}

/** The single value of a header; undefined when absent; `null` when it is repeated. */
export function singleHeader(rawHeaders: readonly string[], name: string): string | undefined | null {
  const values = headerValues(rawHeaders, name);
  if (values.length > 1) return null;
  return values[0];
}
