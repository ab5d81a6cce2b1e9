import { type Connection, openConfiguredDatabase } from "./client";

export {
  isoInstantSql,
  queryRows,
  quoteIdentifier,
  type Database,
  type Connection,
} from "./client";

// One client per server process, kept across hot reloads in development.
const holder = globalThis as typeof globalThis & {
  reachboardDb?: Promise<Connection>;
};

/** The server's shared connection, opened and migrated on first use. */
export function getConnection(): Promise<Connection> {
  holder.reachboardDb ??= openConfiguredDatabase().catch((error: unknown) => {
    holder.reachboardDb = undefined;
    throw error;
  });

  return holder.reachboardDb;
}

export async function getDb() {
  return (await getConnection()).db;
}

/** Closes the server's shared connection when it was opened. The embedded
 * database must be closed before the process ends: otherwise its next
 * start recovers as from a crash and empties the unlogged aggregates. */
export async function closeConnection(): Promise<void> {
  const pending = holder.reachboardDb;
  holder.reachboardDb = undefined;
  if (!pending) return;
  const connection = await pending.catch(() => null);
  await connection?.close();
}
