"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createApiKey, revokeApiKey } from "@/lib/api-keys";
import { requireUser } from "@/lib/auth/session";
import { roles } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { describeError } from "@/lib/errors";
import { type RowState, runRowAction } from "../row-action";

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

/** Revokes a key from its row; a refusal comes back as the row's message. */
export async function revokeKeyAction(
  _previous: RowState,
  form: FormData,
): Promise<RowState> {
  const id = z.coerce.number().int().positive().safeParse(form.get("keyId"));
  if (!id.success) return { error: "Pick a key." };

  return runRowAction("manageApiKeys", "/api-keys", async (actorId) =>
    revokeApiKey(await getDb(), actorId, id.data),
  );
}
