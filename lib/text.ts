// Control characters (C0, DEL and C1) have no place in free text typed into
// a search or a filter; PostgreSQL refuses a NUL in any text parameter.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

export function hasControlCharacters(text: string): boolean {
  return new RegExp(controlCharacters.source).test(text);
}

export function stripControlCharacters(text: string): string {
  return text.replace(controlCharacters, "");
}

// PostgreSQL refuses a NUL in text, and a lone UTF-16 surrogate (half of a
// character, as JSON can write "\ud800") is stored as U+FFFD: neither is
// kept as sent. Under the u flag a surrogate only matches when unpaired.
const unstorableText = /\u0000|[\ud800-\udfff]/u;

/** What in `text` the database cannot store as written, null when
 * nothing: a NUL character or an unpaired surrogate. */
export function findUnstorableText(text: string): string | null {
  const match = unstorableText.exec(text);
  if (!match) return null;

  return match[0] === "\u0000"
    ? "a NUL character (\\u0000)"
    : "an unpaired surrogate (half of a UTF-16 pair, such as \\ud800)";
}
