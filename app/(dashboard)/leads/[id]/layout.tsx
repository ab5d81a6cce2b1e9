import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { leadExists, parseLeadId } from "@/lib/leads/lead-id";

// An unknown lead is refused here, above the loading skeleton: a page
// inside a Suspense boundary has already answered 200 when it calls
// notFound(), so only a check out here can answer 404.
export default async function LeadLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ id: string }>;
}) {
  const id = parseLeadId((await params).id);
  if (id === null || !(await leadExists(await getDb(), id))) notFound();

  return children;
}
