import { role } from "@/lib/db/schema";

export type Role = (typeof role.enumValues)[number];

export const roles = role.enumValues;

export const roleLabels: Record<Role, string> = {
  admin: "Admin",
  sales_manager: "Sales manager",
  marketer: "Marketer",
  executive: "Executive",
};

/** What each role may do. Pages, actions and routes ask for a capability;
 * the server checks it on every request. */
export const capabilities = {
  ownAccount: ["admin", "sales_manager", "marketer", "executive"],
  viewDashboards: ["admin", "sales_manager", "marketer", "executive"],
  /** Figures per agent; marketers see teams and sources only. */
  viewAgentFigures: ["admin", "sales_manager", "executive"],
  /** Lists of leads and a lead's timeline (contact data masked by role). */
  viewLeads: ["admin", "sales_manager", "marketer"],
  /** Phone numbers and e-mail addresses in full. */
  viewContactData: ["admin", "sales_manager"],
  viewWorkQueue: ["admin", "sales_manager"],
  importData: ["admin"],
  manageUsers: ["admin"],
  manageSettings: ["admin"],
  viewAuditLog: ["admin"],
  manageApiKeys: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof capabilities;

export function can(userRole: Role, capability: Capability): boolean {
  return (capabilities[capability] as readonly Role[]).includes(userRole);
}
