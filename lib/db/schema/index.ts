export * from "./attempts";
export * from "./dispositions";
export * from "./enums";
export * from "./imports";
export * from "./leads";
export * from "./organisation";
export * from "./settings";
export * from "./users";
