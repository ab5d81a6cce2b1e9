import { requirePageUser } from "@/lib/auth/session";

// The role check sits in the layout, above the loading skeleton: a page
// inside a Suspense boundary has already answered 200 when it refuses, so
// only a check out here can answer 403.
export default async function LeadsLayout({
  children,
}: {
  children: React.ReactNode;
}) {
  await requirePageUser("viewLeads");

  return children;
}
