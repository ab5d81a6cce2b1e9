"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { describeError } from "@/lib/errors";
import { changeDispositionCode } from "@/lib/import/disposition-mapping";

export type MappingState =
  | { status: "idle" }
  | { status: "error"; message: string }
  | { status: "done"; message: string };

const changeSchema = z.object({
  origin: z.string().trim().min(1).max(60),
  code: z.string().min(1).max(500),
  dispositionId: z.coerce
    .number({ message: "Pick one of the dispositions." })
    .int()
    .positive("Pick one of the dispositions."),
});

export async function changeMappingAction(
  _previous: MappingState,
  form: FormData,
): Promise<MappingState> {
  const parsed = changeSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    return {
      status: "error",
      message: parsed.error.issues[0]?.message ?? "Check the form.",
    };
  }

  try {
    const actor = await requireUser("manageSettings");
    const change = await changeDispositionCode(
      await getDb(),
      actor.id,
      parsed.data,
    );
    revalidatePath("/settings/dispositions");

    return {
      status: "done",
      message:
        change.from === change.to
          ? `"${parsed.data.code}" already maps to ${change.to}.`
          : `"${parsed.data.code}" now maps to ${change.to} (was ${change.from}).`,
    };
  } catch (error) {
    return { status: "error", message: describeError(error).message };
  }
}
