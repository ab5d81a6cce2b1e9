// Next inlines its bootstrap scripts, so scripts need 'unsafe-inline'; the
// development server also evaluates code.
const isDev = process.env.NODE_ENV === "development";
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=()",
  },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Written by `next dev` otherwise; the project keeps its own docs.
  agentRules: false,
  experimental: {
    agentUpgrade: false,
    authInterrupts: true,
    // Files are uploaded to the import page's own endpoint, and the API and
    // webhooks take their bodies directly: the proxy does not see them, and
    // each sets its own limit. Server actions carry forms and at most the
    // first 256 KB of a file (the import preview). The proxy buffers a
    // request's body before any check, so its limit stays small.
    serverActions: { bodySizeLimit: "2mb" },
    proxyClientMaxBodySize: "2mb",
  },
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files at run time from its own
  // package folder; bundling it breaks those paths.
  serverExternalPackages: ["@electric-sql/pglite"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
