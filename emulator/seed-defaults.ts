import type { SeedClient } from "./types";

/** Client that owns users whose seed entry has no `clientId`. Added to every seed that does not declare id 1000. */
export const DEFAULT_CLIENT: Readonly<SeedClient> = { id: 1000, name: "Example Company" };

/** Groups of a seed user without `groups`. */
export const DEFAULT_USER_GROUPS: readonly string[] = ["Users"];
