"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requirePageUser, requireUser } from "@/lib/auth/session";
import { roles } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { describeError } from "@/lib/errors";
import { changeRole, deactivateUser, inviteUser } from "@/lib/users/manage";

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

const idSchema = z.coerce.number().int().positive();

// The page's plain forms: a caller without the right gets the sign-in or
// the 403 page, as for a page, rather than a thrown error.
export async function changeRoleAction(form: FormData) {
  const actor = await requirePageUser("manageUsers");
  const userId = idSchema.parse(form.get("userId"));
  const role = z.enum(roles).parse(form.get("role"));
  await changeRole(await getDb(), actor.id, userId, role);
  revalidatePath("/users");
}

export async function deactivateAction(form: FormData) {
  const actor = await requirePageUser("manageUsers");
  await deactivateUser(
    await getDb(),
    actor.id,
    idSchema.parse(form.get("userId")),
  );
  revalidatePath("/users");
}
