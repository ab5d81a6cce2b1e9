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
  importData: ["admin"],
  manageUsers: ["admin"],
  manageSettings: ["admin"],
  viewAuditLog: ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof capabilities;

export function can(userRole: Role, capability: Capability): boolean {
  return (capabilities[capability] as readonly Role[]).includes(userRole);
}
