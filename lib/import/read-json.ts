/** Where a JSON text stops being valid, and what was expected there. */
export type JsonSyntaxError = {
  /** 1-based, counted in characters of the decoded text. */
  line: number;
  column: number;
  expected: string;
};

/** A file of JSON values: one document, or one value per line. */
export type JsonValues =
  | { kind: "document"; value: unknown }
  | { kind: "lines"; values: { line: number; value: unknown }[] }
  | { kind: "invalid"; error: JsonSyntaxError };

/**
 * Reads a file as one JSON document or, when its first line is a value of
 * its own followed by more, as JSON lines. The error names the line and
 * column where the text stops being JSON: the engine's own message may
 * quote the text, which can hold phone numbers.
 */
export function readJsonValues(text: string): JsonValues {
  const body = text.replace(/^\uFEFF/, "");
  const whole = tryParse(body);
  if (whole.ok) return { kind: "document", value: whole.value };

  const lines = body.split(/\r?\n/);
  const firstIndex = lines.findIndex((line) => line.trim() !== "");
  const first = firstIndex < 0 ? null : tryParse(lines[firstIndex] ?? "");
  if (first === null || !first.ok) {
    return { kind: "invalid", error: locateJsonError(body) };
  }

  const values: { line: number; value: unknown }[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const parsed = tryParse(line);
    if (!parsed.ok) {
      const error = locateJsonError(line);

      return { kind: "invalid", error: { ...error, line: index + 1 } };
    }
    values.push({ line: index + 1, value: parsed.value });
  }

  return { kind: "lines", values };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(expected);
  }
}

/** The first place where `text` is not one JSON value, by line and column.
 * Only called on text that JSON.parse refused. */
export function locateJsonError(text: string): JsonSyntaxError {
  let offset = 0;
  try {
    offset = skipSpace(text, readValue(text, skipSpace(text, 0)));
    if (offset < text.length)
      throw new Stop(offset, "the end of the text after one JSON value");
    throw new Stop(text.length, "a JSON value");
  } catch (error) {
    if (!(error instanceof Stop)) throw error;

    return { ...toLineColumn(text, error.offset), expected: error.expected };
  }
}

function toLineColumn(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - (before.lastIndexOf("\n") + 1) + 1;

  return { line, column };
}

function skipSpace(text: string, at: number): number {
  let index = at;
  while (index < text.length && " \t\n\r".includes(text[index] ?? "")) {
    index += 1;
  }

  return index;
}

// Each reader takes the offset of the value's first character and returns
// the offset just after it, or throws where the text goes wrong.
function readValue(text: string, at: number): number {
  const char = text[at];
  if (char === "{") return readObject(text, at);
  if (char === "[") return readArray(text, at);
  if (char === '"') return readString(text, at);
  for (const word of ["true", "false", "null"]) {
    if (text.startsWith(word, at)) return at + word.length;
  }
  const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(
    text.slice(at, at + 400),
  );
  if (number) return at + number[0].length;
  throw new Stop(
    at,
    "a value (an object, array, string, number, true, false or null)",
  );
}

function readObject(text: string, at: number): number {
  let index = skipSpace(text, at + 1);
  if (text[index] === "}") return index + 1;
  for (;;) {
    if (text[index] !== '"') throw new Stop(index, "a key in double quotes");
    index = skipSpace(text, readString(text, index));
    if (text[index] !== ":") throw new Stop(index, '":" after the key');
    index = skipSpace(text, readValue(text, skipSpace(text, index + 1)));
    if (text[index] === "}") return index + 1;
    if (text[index] !== ",") throw new Stop(index, '"," or "}"');
    index = skipSpace(text, index + 1);
  }
}

function readArray(text: string, at: number): number {
  let index = skipSpace(text, at + 1);
  if (text[index] === "]") return index + 1;
  for (;;) {
    index = skipSpace(text, readValue(text, index));
    if (text[index] === "]") return index + 1;
    if (text[index] !== ",") throw new Stop(index, '"," or "]"');
    index = skipSpace(text, index + 1);
  }
}

function readString(text: string, at: number): number {
  let index = at + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') return index + 1;
    if (char === "\\") {
      const escaped = text[index + 1] ?? "";
      if (
        escaped === "u" &&
        /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))
      ) {
        index += 6;
        continue;
      }
      if (!'"\\/bfnrt'.includes(escaped) || escaped === "") {
        throw new Stop(index, "a valid escape such as \\n or \\u00e9");
      }
      index += 2;
      continue;
    }
    if (char !== undefined && char < " ") {
      throw new Stop(
        index,
        "no line break or control character inside a string",
      );
    }
    index += 1;
  }
  throw new Stop(text.length, 'the closing " of the string');
}
