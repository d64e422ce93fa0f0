import { GROUP_IDS } from "./groups";
import type { StoredUser } from "./user-store";

/** NOTE: Gcore does not publish its own services provider id, so every emulated user reports 1. */
const RESELLER_ID = 1;

/** Builds the `UserPublic` record that `GET /iam/users/{userId}` returns. */
export function toUserPublic(user: StoredUser): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    lang: "en",
    phone: null,
    company: user.clientName,
    reseller: RESELLER_ID,
    client: user.clientId,
    deleted: false,
    groups: user.groups.map((name) => ({ id: GROUP_IDS[name], name })),
    activated: true,
    sso_auth: false,
    two_fa: false,
    auth_types: ["password"],
    user_type: "common",
    is_active: true,
  };
}
