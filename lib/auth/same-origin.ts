/**
 * Whether a state-changing request came from another site's page: a
 * browser says so with `Sec-Fetch-Site: cross-site`, or with an `Origin`
 * whose host is not the one the request was sent to. Hosts are compared,
 * not schemes, since a TLS proxy in front forwards plain HTTP. Requests
 * with neither header (curl, older browsers on same-origin posts) pass;
 * the session cookie is still required after this.
 */
export function isCrossSiteRequest(
  headers: Headers,
  trustProxy: boolean,
): boolean {
  if (headers.get("sec-fetch-site")?.toLowerCase() === "cross-site")
    return true;
  const origin = headers.get("origin");
  if (origin === null) return false;

  let originHost;
  try {
    originHost = new URL(origin).host.toLowerCase();
  } catch {
    // "null", from sandboxed frames and some redirects.
    return true;
  }
  const ownHosts = [headers.get("host")];
  // Behind a proxy the operator runs, Host may be the app's own address.
  if (trustProxy)
    ownHosts.push(headers.get("x-forwarded-host")?.split(",")[0] ?? null);

  return !ownHosts.some((host) => host?.trim().toLowerCase() === originHost);
}
