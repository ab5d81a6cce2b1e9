import { createHmac, timingSafeEqual } from "node:crypto";

/** Compares two strings in time that depends on their length only. */
export function isSameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);

  return a.length === b.length && timingSafeEqual(a, b);
}

/** Meta's `X-Hub-Signature-256`: `sha256=` and the hex HMAC-SHA256 of the
 * raw body, keyed with the app secret. */
export function isWhatsappSignatureValid(
  rawBody: string,
  header: string | null,
  appSecret: string,
): boolean {
  if (!header) return false;
  const expected =
    "sha256=" +
    createHmac("sha256", appSecret).update(rawBody, "utf8").digest("hex");

  return isSameSecret(header.trim().toLowerCase(), expected);
}

/** Twilio's `X-Twilio-Signature`: the base64 HMAC-SHA1, keyed with the
 * auth token, of the full request URL followed by every POST parameter's
 * name and value, sorted by name. */
export function signTwilioRequest(
  url: string,
  params: [string, string][],
  authToken: string,
): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const data = url + sorted.map(([name, value]) => name + value).join("");

  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

export function isTwilioSignatureValid(
  url: string,
  params: [string, string][],
  header: string | null,
  authToken: string,
): boolean {
  if (!header) return false;

  return isSameSecret(header.trim(), signTwilioRequest(url, params, authToken));
}
