/** Where a sign-in lands when the page asked for is missing or unsafe. */
export const defaultLandingPath = "/overview";

/**
 * The page to land on after signing in: the path the sign-in page was
 * given, when it is a path on this site, otherwise the overview. Only a
 * path starting with a single "/" is taken: "//host" and "/\host" are
 * read by browsers as another host, and tabs and line breaks, which
 * browsers drop from addresses, could turn "/\t/host" into "//host". The
 * sign-in page itself is refused, so that it cannot send a user back to
 * itself.
 */
export function safeRedirectPath(requested: unknown): string {
  if (typeof requested !== "string") return defaultLandingPath;
  if (!requested.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(requested))
    return defaultLandingPath;
  if (requested.startsWith("//")) return defaultLandingPath;

  const base = "http://reachboard.invalid";
  const url = new URL(requested, base);
  if (url.origin !== base || url.pathname === "/login")
    return defaultLandingPath;

  return `${url.pathname}${url.search}${url.hash}`;
}
