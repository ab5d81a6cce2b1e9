import { env } from "@/lib/env";
import { describeErrorForLog } from "@/lib/errors";

// A small server-side logger: one namespace per module, one line per event.
// Callers pass ids and counts, never passwords, tokens, phones or e-mails.
type Level = "debug" | "info" | "warn" | "error";

const order: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

function threshold(): number {
  const wanted = env.REACHBOARD_LOG as Level;

  return order[wanted] ?? order.info;
}

/** Whether lines of `level` are written at the configured log level. */
export function isLogged(level: Level): boolean {
  return order[level] >= threshold();
}

// A thrown value passed as a field is reduced to its name and code: a failed
// query carries its text and parameters, which quote the data it was given.
// Fields named for a query's text or parameters are dropped outright.
const unsafeKeys = new Set(["query", "parameters", "params"]);

export function toLoggedFields(fields: object): Record<string, unknown> {
  const logged: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (unsafeKeys.has(key)) continue;
    logged[key] = value instanceof Error ? describeErrorForLog(value) : value;
  }

  return logged;
}

export function createLogger(namespace: string) {
  function write(level: Level, message: string, fields?: object) {
    if (!isLogged(level)) return;
    const extra = fields ? ` ${JSON.stringify(toLoggedFields(fields))}` : "";
    const line = `${new Date().toISOString()} ${level} ${namespace}: ${message}${extra}`;
    if (level === "error" || level === "warn") console.error(line);
    else console.log(line);
  }

  return {
    debug: (message: string, fields?: object) =>
      write("debug", message, fields),
    info: (message: string, fields?: object) => write("info", message, fields),
    warn: (message: string, fields?: object) => write("warn", message, fields),
    error: (message: string, fields?: object) =>
      write("error", message, fields),
  };
}
