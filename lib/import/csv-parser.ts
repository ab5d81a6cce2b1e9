/** What makes a CSV text unreadable. */
export type CsvSyntax =
  | "quote not closed"
  | "text after closing quote"
  | "quote in unquoted field"
  | "record too long";

/** A CSV text that cannot be read, at the 1-based row (as a spreadsheet
 * numbers it) of the record being read. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    readonly syntax: CsvSyntax,
  ) {
    super(syntax);
  }
}

export type CsvRecord = { row: number; fields: string[] };

const quote = '"';

/**
 * Splits CSV text, given chunk by chunk, into records. Fields are
 * separated by `delimiter`; a field that starts with a quote runs to the
 * next lone quote, may hold delimiters and line breaks, and writes a quote
 * as two; a quote anywhere else, or anything but a delimiter or a line
 * break after a closing quote, makes the text unreadable. Records end with
 * the line break the first one ends with (CRLF, LF or CR); another line
 * break character is part of a field. An empty line is a record of one
 * empty field. Each record has its row number: an empty line counts as a
 * row, a line break inside quotes does not. A record is returned once its
 * end is seen or the text ends; one longer than `maxRecord` characters is
 * refused as soon as it is.
 *
 * Lines without a quote, nearly all of a typical file, are cut with
 * indexOf and split, not read character by character.
 */
export class CsvParser {
  private rest = "";
  private row = 0;
  private lineEnd: string | null = null;
  private started = false;
  // Within the text of the current push: where the next quote is at or
  // after `quoteFrom` (-1: none), so that a file without quotes is searched
  // for them once, not once per line.
  private quoteAt = -1;
  private quoteFrom = Number.POSITIVE_INFINITY;
  private out: CsvRecord[] = [];

  constructor(
    private readonly delimiter: string,
    private readonly maxRecord: number,
  ) {}

  /** Why the text cannot be read, once a push found it; the records
   * before that one were returned. */
  failure: CsvSyntaxError | null = null;

  /** The records that `chunk` completes; with `last`, the text has ended
   * and the records it leaves come too. After a failure, none. */
  push(chunk: string, last = false): CsvRecord[] {
    if (this.failure) return [];
    try {
      return this.read(chunk, last);
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      this.failure = error;

      return this.out;
    }
  }

  private read(chunk: string, last: boolean): CsvRecord[] {
    let text = this.rest + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.out = [];
    this.quoteFrom = Number.POSITIVE_INFINITY;
    let position = 0;
    while (position < text.length) {
      const next = this.readRecord(text, position, last);
      if (next < 0) break;
      position = next;
    }
    this.rest = text.slice(position);
    if (this.rest.length > this.maxRecord) this.fail("record too long");

    return this.out;
  }

  // Reads the record that starts at `start` and returns where the next
  // one starts, or -1 when the text seen so far does not hold its end.
  private readRecord(text: string, start: number, last: boolean): number {
    const lineEnd = this.lineEnd ?? this.discoverLineEnd(text, start, last);
    if (lineEnd === null && !last) return this.wait(text, start);
    const breakAt = lineEnd === null ? -1 : text.indexOf(lineEnd, start);
    if (breakAt < 0 && !last) return this.wait(text, start);
    const end = breakAt < 0 ? text.length : breakAt;
    const quoteAt = this.nextQuote(text, start);
    if (quoteAt >= 0 && quoteAt < end)
      return this.readQuoted(text, start, last);
    if (end - start > this.maxRecord) this.fail("record too long");
    this.emit(text.slice(start, end).split(this.delimiter));

    return breakAt < 0 ? text.length : breakAt + (lineEnd?.length ?? 0);
  }

  private nextQuote(text: string, from: number): number {
    if (from < this.quoteFrom || (this.quoteAt >= 0 && this.quoteAt < from)) {
      this.quoteAt = text.indexOf(quote, from);
      this.quoteFrom = from;
    }

    return this.quoteAt;
  }

  // The first line break outside quotes decides how every record ends;
  // null until the text shows it (a CR last in a chunk may start a CRLF).
  private discoverLineEnd(
    text: string,
    start: number,
    last: boolean,
  ): string | null {
    let quoted = false;
    for (let index = start; index < text.length; index += 1) {
      const char = text[index];
      if (char === quote) quoted = !quoted;
      else if (!quoted && char === "\n") return (this.lineEnd = "\n");
      else if (!quoted && char === "\r") {
        if (index + 1 >= text.length && !last) return null;

        return (this.lineEnd = text[index + 1] === "\n" ? "\r\n" : "\r");
      }
    }

    return null;
  }

  // A record with a quote in it, field by field.
  private readQuoted(text: string, start: number, last: boolean): number {
    const { delimiter } = this;
    const fields: string[] = [];
    let index = start;
    for (;;) {
      let value: string;
      if (text[index] === quote) {
        value = "";
        let from = index + 1;
        for (;;) {
          const close = text.indexOf(quote, from);
          if (close < 0 || (close + 1 >= text.length && !last)) {
            if (!last) return this.wait(text, start);
            this.fail("quote not closed");
          }
          value += text.slice(from, close);
          if (text[close + 1] !== quote) {
            index = close + 1;
            break;
          }
          value += quote;
          from = close + 2;
        }
      } else {
        // Up to the next delimiter or line break.
        const lineEnd = this.lineEnd ?? this.discoverLineEnd(text, index, last);
        const nextDelimiter = text.indexOf(delimiter, index);
        const nextBreak = lineEnd === null ? -1 : text.indexOf(lineEnd, index);
        const stop = [nextDelimiter, nextBreak].filter((at) => at >= 0);
        if (stop.length === 0 && !last) return this.wait(text, start);
        const end = stop.length === 0 ? text.length : Math.min(...stop);
        value = text.slice(index, end);
        if (value.includes(quote)) this.fail("quote in unquoted field");
        index = end;
      }
      fields.push(value);

      // After a field: a delimiter, a line break or the end of the text.
      if (index >= text.length) {
        if (!last) return this.wait(text, start);

        return this.end(fields, start, index, index);
      }
      if (text.startsWith(delimiter, index)) {
        index += delimiter.length;
        if (index >= text.length) {
          if (!last) return this.wait(text, start);
          fields.push("");

          return this.end(fields, start, index, index);
        }
        continue;
      }
      const lineEnd = this.lineEnd ?? this.discoverLineEnd(text, index, last);
      if (lineEnd === null && !last) return this.wait(text, start);
      if (lineEnd !== null && text.startsWith(lineEnd, index))
        return this.end(fields, start, index, index + lineEnd.length);
      if (lineEnd === "\r\n" && index + 1 >= text.length && !last)
        return this.wait(text, start);
      this.fail("text after closing quote");
    }
  }

  // A quoted record read to `end`, the next starting at `next`.
  private end(fields: string[], start: number, end: number, next: number) {
    if (end - start > this.maxRecord) this.fail("record too long");
    this.emit(fields);

    return next;
  }

  private emit(fields: string[]) {
    this.row += 1;
    this.out.push({ row: this.row, fields });
  }

  private wait(text: string, start: number): number {
    if (text.length - start > this.maxRecord) this.fail("record too long");

    return -1;
  }

  private fail(syntax: CsvSyntax): never {
    throw new CsvSyntaxError(this.row + 1, syntax);
  }
}
