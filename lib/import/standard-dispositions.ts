import type { dispositions } from "@/lib/db/schema";

type DispositionFlags = Omit<typeof dispositions.$inferInsert, "id" | "name">;

/** The outcomes every origin's codes map to, with the flags metrics read. */
export const standardDispositions: Record<string, DispositionFlags> = {
  Contact: { contact: true },
  Callback: { contact: true, callback: true },
  Converted: { contact: true, converted: true },
  "Not interested": { contact: true, notInterested: true },
  "Invalid contact": { invalidContact: true },
  "Do not contact": { doNotContact: true },
  "Call failed": {},
  "No outcome": {},
  "Test record": { testRecord: true },
};

/** The generic presets understand the standard names as codes. */
export const standardCodes: Record<string, string> = Object.fromEntries(
  Object.keys(standardDispositions).map((name) => [name.toLowerCase(), name]),
);
