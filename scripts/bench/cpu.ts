import fs from "node:fs";
import os from "node:os";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "@/lib/db";
import * as schema from "@/lib/db/schema";

/**
 * A one-connection client for the rebuild and the refresh, with the CPU
 * time its server process has used so far. On a shared machine the wall
 * time depends on the neighbours; the server's CPU time much less. Read
 * from /proc, so only for a server on this machine; null elsewhere.
 */
export async function openWriter(url: string) {
  const client = postgres(url, {
    max: 1,
    onnotice: () => {},
    connection: { jit: "off", TimeZone: "UTC" },
  });
  const db = drizzle(client, { schema }) as unknown as Database;
  const [row] = await client<{ pid: number }[]>`select pg_backend_pid() as pid`;
  const pid = row?.pid;

  const serverCpuMs = (): number | null => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the command name: utime and stime are the 12th and
      // 13th, in clock ticks of 1/100 s on Linux.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");

      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return null;
    }
  };

  return { db, serverCpuMs, close: () => client.end() };
}

/** The 1-minute load average, rounded: how busy the machine was. */
export function loadAverage(): string {
  return (os.loadavg()[0] ?? 0).toFixed(1);
}
