import fs from "node:fs";
import os from "node:os";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "@/lib/db";
import * as schema from "@/lib/db/schema";

/**
 * A client for the rebuild and the refresh (a rebuild may use several of
 * its connections), with the CPU time the whole server has used so far:
 * every process of the server, and those that have ended (their time is
 * added to the postmaster's children). On a shared machine the wall time
 * depends on the neighbours; the server's CPU time much less. Read from
 * /proc, so only for a server on this machine; null elsewhere.
 */
export async function openWriter(url: string) {
  const client = postgres(url, {
    max: 9,
    onnotice: () => {},
    connection: { jit: "off", TimeZone: "UTC" },
  });
  const db = drizzle(client, { schema }) as unknown as Database;
  const [row] = await client<{ pid: number }[]>`select pg_backend_pid() as pid`;
  // Fields after the command name, from 0: the parent's pid is the 2nd;
  // utime, stime, cutime and cstime the 12th to 15th, in ticks of 1/100 s.
  const statOf = (pid: number | string): number[] => {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");

    return stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
  };
  const ticks = (fields: number[], from: number, to: number) =>
    fields.slice(from, to + 1).reduce((sum, value) => sum + value, 0);

  const serverCpuMs = (): number | null => {
    try {
      const postmaster = statOf(row?.pid ?? 0)[1] ?? 0;
      let total = ticks(statOf(postmaster), 11, 14);
      for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
          const fields = statOf(entry);
          if (fields[1] === postmaster) total += ticks(fields, 11, 12);
        } catch {
          // The process ended meanwhile.
        }
      }

      return total * 10;
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
