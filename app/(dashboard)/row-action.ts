import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { Capability } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { describeError } from "@/lib/errors";

/** A row button's answer: the refusal to show beside it, if any. */
export type RowState = { error: string | null };

/**
 * Runs a row button's change as the signed-in user, who must have
 * `capability`, then refreshes the page at `path`. A refusal (the role,
 * one's own account, a row removed meanwhile, a session that ended) comes
 * back as the row's message instead of an error page; a redirect thrown
 * on the way goes through.
 */
export async function runRowAction(
  capability: Capability,
  path: string,
  change: (actorId: number) => Promise<unknown>,
): Promise<RowState> {
  try {
    const actor = await requireUser(capability);
    await change(actor.id);
  } catch (error) {
    unstable_rethrow(error);

    return { error: describeError(error).message };
  }
  revalidatePath(path);

  return { error: null };
}
