import { rebuildAggregates, rebuildConnections } from "@/lib/aggregates";
import { openConfiguredDatabase } from "@/lib/db/client";
import { describeError } from "@/lib/errors";

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
  console.error(`reachboard: rebuild failed: ${describeError(error).message}`);
  process.exit(1);
});
