import { rebuildAggregates, rebuildConnections } from "@/lib/aggregates";
import { openConfiguredDatabase } from "@/lib/db/client";
import { env } from "@/lib/env";
import { describeErrorForLog } from "@/lib/errors";

// `npm run rebuild`: recomputes every aggregate from the raw rows of the
// configured database, the repair for any doubt about the figures (rows
// edited by hand, a refresh that was interrupted). Figures keep answering
// meanwhile, from the previous aggregates on PostgreSQL.

async function main() {
  const connection = await openConfiguredDatabase();
  try {
    const connections =
      connection.kind === "postgres" ? rebuildConnections() : 1;
    console.log(
      `reachboard: rebuilding the aggregates on ${connections} connection${connections === 1 ? "" : "s"}…`,
    );
    const run = await rebuildAggregates(connection.db, {
      vacuum: true,
      connections,
    });
    console.log(
      `reachboard: aggregates rebuilt for ${run.leads.toLocaleString("en")} leads in ${(run.ms / 1000).toFixed(1)} s.`,
    );
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  console.error(`reachboard: rebuild failed: ${describeFailure(error)}`);
  process.exit(1);
});

// The error's kind and SQLSTATE; the database's own message only with
// REACHBOARD_LOG=debug, as a failed statement may quote the rows it read.
function describeFailure(error: unknown): string {
  const { kind, code } = describeErrorForLog(error);
  const cause =
    error instanceof Error && error.cause instanceof Error
      ? error.cause
      : error;
  const detail =
    env.REACHBOARD_LOG === "debug" && cause instanceof Error
      ? `: ${cause.message}`
      : "; run with REACHBOARD_LOG=debug for the database's message";

  return `${kind}${code ? ` ${code}` : ""}${detail}`;
}
