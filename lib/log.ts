import { env } from "@/lib/env";

// A small server-side logger: one namespace per module, one line per event.
// Callers pass ids and counts, never passwords, tokens, phones or e-mails.
type Level = "debug" | "info" | "warn" | "error";

const order: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

function threshold(): number {
  const wanted = env.REACHBOARD_LOG as Level;

  return order[wanted] ?? order.info;
}

export function createLogger(namespace: string) {
  function write(level: Level, message: string, fields?: object) {
    if (order[level] < threshold()) return;
    const extra = fields ? ` ${JSON.stringify(fields)}` : "";
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
