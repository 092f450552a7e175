/** An API key as it may be shown: `sk-…abcd` (its last four characters only when it is long). */
export function maskKey(key: string): string {
  const prefix = key.startsWith('sk-') ? 'sk-' : '';
  const tail = key.length >= 12 ? key.slice(-4) : '';
  return `${prefix}…${tail}`;
}

/** `text` with every occurrence of `key` masked. */
export function redactKey(text: string, key: string | undefined): string {
  return key ? text.split(key).join(maskKey(key)) : text;
}
