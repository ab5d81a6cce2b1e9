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
    // Lead exports of tens of megabytes are uploaded through a server action
    // or the import page's upload endpoint; the proxy buffers a request's
    // body and cuts it at its own limit (10 MB by default), so it gets the
    // same one.
    serverActions: { bodySizeLimit: "200mb" },
    proxyClientMaxBodySize: "200mb",
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
