/** @type {import('next').NextConfig} */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=()",
  },
];

const nextConfig = {
  // Written by `next dev` otherwise; the project keeps its own docs.
  agentRules: false,
  experimental: {
    agentUpgrade: false,
    authInterrupts: true,
    // Lead exports of tens of megabytes are uploaded through a server action.
    serverActions: { bodySizeLimit: "200mb" },
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
