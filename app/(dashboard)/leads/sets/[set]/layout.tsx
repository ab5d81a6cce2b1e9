import { notFound } from "next/navigation";
import { isLeadSetId } from "@/lib/leads/sets";

// An unknown set is refused here, above the loading skeleton, so that it
// answers 404: a page inside a Suspense boundary has already answered 200
// when it calls notFound().
export default async function LeadSetLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ set: string }>;
}) {
  if (!isLeadSetId((await params).set)) notFound();

  return children;
}
