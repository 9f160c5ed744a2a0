const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The first query parameter whose name or value holds a control character, or null. No key,
 * slug or filter contains one, and a NUL reaching a PostgreSQL query is an error rather than a
 * miss, so handlers that read the query refuse these as bad input naming the parameter.
 */
export function controlCharacterParameter(searchParams: URLSearchParams): string | null {
  for (const [name, value] of searchParams) if (CONTROL.test(name) || CONTROL.test(value)) return name;
  return null;
}

/** Whether a string holds a control character (see above). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL.test(text);
}
