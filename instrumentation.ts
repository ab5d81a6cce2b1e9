// Next.js runs register() once as the server starts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { closeDatabaseOnSignals } = await import("@/lib/db/shutdown");
  closeDatabaseOnSignals();
}
