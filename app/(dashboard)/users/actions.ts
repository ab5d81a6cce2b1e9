"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { roles } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { describeError } from "@/lib/errors";
import {
  changeRole,
  deactivateUser,
  inviteUser,
  reactivateUser,
  resetPassword,
} from "@/lib/users/manage";
import { type RowState, runRowAction } from "../row-action";

export type InviteState =
  | { status: "idle" }
  | { status: "error"; message: string; fields: Record<string, string> }
  | { status: "done"; email: string; oneTimePassword: string };

const inviteSchema = z.object({
  email: z.email("Enter a valid e-mail address."),
  name: z.string().trim().min(1, "Enter a name.").max(100),
  role: z.enum(roles, { message: "Pick a role." }),
});

export async function inviteAction(
  _previous: InviteState,
  form: FormData,
): Promise<InviteState> {
  const parsed = inviteSchema.safeParse(Object.fromEntries(form));
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
    const actor = await requireUser("manageUsers");
    const created = await inviteUser(await getDb(), actor.id, parsed.data);
    revalidatePath("/users");

    return {
      status: "done",
      email: parsed.data.email,
      oneTimePassword: created.oneTimePassword,
    };
  } catch (error) {
    return {
      status: "error",
      message: describeError(error).message,
      fields: {},
    };
  }
}

export type { RowState };

const idSchema = z.coerce.number().int().positive();

export async function changeRoleAction(
  _previous: RowState,
  form: FormData,
): Promise<RowState> {
  const userId = idSchema.safeParse(form.get("userId"));
  const role = z.enum(roles).safeParse(form.get("role"));
  if (!userId.success || !role.success)
    return { error: "Pick a user and a role." };

  return runRowAction("manageUsers", "/users", async (actorId) =>
    changeRole(await getDb(), actorId, userId.data, role.data),
  );
}

export async function deactivateAction(
  _previous: RowState,
  form: FormData,
): Promise<RowState> {
  const userId = idSchema.safeParse(form.get("userId"));
  if (!userId.success) return { error: "Pick a user." };

  return runRowAction("manageUsers", "/users", async (actorId) =>
    deactivateUser(await getDb(), actorId, userId.data),
  );
}

export async function reactivateAction(
  _previous: RowState,
  form: FormData,
): Promise<RowState> {
  const userId = idSchema.safeParse(form.get("userId"));
  if (!userId.success) return { error: "Pick a user." };

  return runRowAction("manageUsers", "/users", async (actorId) =>
    reactivateUser(await getDb(), actorId, userId.data),
  );
}

/** A reset's answer: a refusal, or the new one-time password, which the
 * admin sees only in this answer. */
export type ResetState = RowState & { oneTimePassword: string | null };

export async function resetPasswordAction(
  _previous: ResetState,
  form: FormData,
): Promise<ResetState> {
  const userId = idSchema.safeParse(form.get("userId"));
  if (!userId.success) return { error: "Pick a user.", oneTimePassword: null };

  let oneTimePassword: string | null = null;
  const answer = await runRowAction(
    "manageUsers",
    "/users",
    async (actorId) => {
      ({ oneTimePassword } = await resetPassword(
        await getDb(),
        actorId,
        userId.data,
      ));
    },
  );

  return { ...answer, oneTimePassword };
}
