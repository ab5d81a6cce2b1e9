/** The bucket every request shares when no trusted proxy names the client:
 * Next's route handlers do not expose the connection's own address. */
export const directAddress = "direct";

/**
 * The client's address for per-address sign-in throttling. Headers are
 * believed only behind a proxy the operator runs (REACHBOARD_TRUST_PROXY):
 * X-Real-IP, else the last X-Forwarded-For entry, the one that proxy added.
 * Otherwise anyone could send a new address with each guess.
 */
export function readClientAddress(
  headers: Headers,
  trustProxy: boolean,
): string {
  if (!trustProxy) return directAddress;

  const real = headers.get("x-real-ip")?.trim();
  if (real) return real;
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();

  return forwarded || directAddress;
}
