import { createLogger } from "@/lib/log";
import { closeConnection } from "./index";

const log = createLogger("db");

// The exit codes of a process ended by these signals, as a shell reports
// them.
const exitCodes = { SIGINT: 130, SIGTERM: 143 } as const;
// A close that hangs must not keep the server from stopping.
const closeTimeoutMs = 10_000;

/**
 * Makes Ctrl+C and SIGTERM close the server's database connection before
 * the process exits. Next.js's own handlers exit once their own clean-up
 * is done, whether or not the database is closed by then; `npm start`
 * turns them off (NEXT_MANUAL_SIG_HANDLE) so that these run alone.
 */
export function closeDatabaseOnSignals(): void {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      const exit = () => process.exit(exitCodes[signal]);
      setTimeout(exit, closeTimeoutMs).unref();
      closeConnection()
        .catch((error: unknown) =>
          log.error("closing the database failed", { error }),
        )
        .finally(exit);
    });
  }
}
