"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiKey, revokeApiKey } from "@/lib/api-keys";
import { requireUser } from "@/lib/auth/session";
import { roles } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { describeError } from "@/lib/errors";

export type CreateKeyState =
  | { status: "idle" }
  | { status: "error"; message: string; fields: Record<string, string> }
  | { status: "done"; name: string; secret: string };

const createSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(100),
  role: z.enum(roles, { message: "Pick a role." }),
});

export async function createKeyAction(
  _previous: CreateKeyState,
  form: FormData,
): Promise<CreateKeyState> {
  const parsed = createSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fields = Object.fromEntries(
      parsed.error.issues.map((issue) => [
        String(issue.path[0]),
        issue.message,
      ]),
    );

    return {
      status: "error",
      message: "Check the highlighted fields.",
      fields,
    };
  }

  try {
    const actor = await requireUser("manageApiKeys");
    const created = await createApiKey(await getDb(), actor.id, parsed.data);
    revalidatePath("/api-keys");

    return { status: "done", name: parsed.data.name, secret: created.secret };
  } catch (error) {
    return {
      status: "error",
      message: describeError(error).message,
      fields: {},
    };
  }
}

/** The revoke button's answer: the refusal to show beside it, if any. */
export type RevokeState = { error: string | null };

// A refusal (a role without the right, a key removed meanwhile) comes back
// as the row's message, not an error page.
export async function revokeKeyAction(
  _previous: RevokeState,
  form: FormData,
): Promise<RevokeState> {
  const id = z.coerce.number().int().positive().safeParse(form.get("keyId"));
  if (!id.success) return { error: "Pick a key." };

  try {
    const actor = await requireUser("manageApiKeys");
    await revokeApiKey(await getDb(), actor.id, id.data);
  } catch (error) {
    return { error: describeError(error).message };
  }
  revalidatePath("/api-keys");

  return { error: null };
}
