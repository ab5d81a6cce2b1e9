// Control characters (C0, DEL and C1) have no place in free text typed into
// a search or a filter; PostgreSQL refuses a NUL in any text parameter.
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/g;

export function hasControlCharacters(text: string): boolean {
  return new RegExp(controlCharacters.source).test(text);
}

export function stripControlCharacters(text: string): string {
  return text.replace(controlCharacters, "");
}
