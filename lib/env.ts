import path from "node:path";
import { z } from "zod";
import { minimumPasswordLength } from "@/lib/auth/password";

// The one place that reads process.env. Everything else imports `env`.
const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  REACHBOARD_DATA_DIR: z.string().optional(),
  AUTH_SECRET: z.string().min(16).optional(),
  ADMIN_EMAIL: z.email().optional(),
  // Checked here, before a first start creates anything with it.
  ADMIN_PASSWORD: z
    .string()
    .min(
      minimumPasswordLength,
      `must have at least ${minimumPasswordLength} characters`,
    )
    .optional(),
  REACHBOARD_DEMO: z.enum(["on", "off"]).default("on"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  REACHBOARD_LOG: z.string().default("info"),
  NODE_ENV: z.string().default("development"),
  WHATSAPP_VERIFY_TOKEN: z.string().optional(),
  WHATSAPP_APP_SECRET: z.string().optional(),
  TWILIO_AUTH_TOKEN: z.string().optional(),
  // Only a proxy the operator runs may say who the client is.
  REACHBOARD_TRUST_PROXY: z.enum(["on", "off"]).default("off"),
});

function readEnv() {
  const raw = Object.fromEntries(
    Object.entries(process.env).filter(([, value]) => value !== ""),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".")}: ${issue.message}`,
    );
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }

  return parsed.data;
}

const values = readEnv();

export const env = {
  ...values,
  // The data folder is chosen at run time; the build must not trace it.
  dataDir: path.resolve(
    /*turbopackIgnore: true*/ values.REACHBOARD_DATA_DIR ?? ".data",
  ),
  databaseKind: values.DATABASE_URL ? "postgres" : "pglite",
} as const;
