import type { EmulatorSeed } from "./types";

/**
 * Seed used when no other is given: one administrator (id 42, demo@example.com, password
 * "Demo-Start-Password-1") in client 1000 "Example Company", and the API token
 * "7_0123456789abcdef0123456789abcdef" for that user. The object is frozen.
 */
export const DEMO_SEED: EmulatorSeed = deepFreeze({
  clients: [{ id: 1000, name: "Example Company" }],
  users: [
    {
      id: 42,
      email: "demo@example.com",
      password: "Demo-Start-Password-1",
      clientId: 1000,
      name: "Demo",
      groups: ["Administrators"],
      isAdmin: true,
    },
  ],
  apiTokens: [{ userId: 42, token: "7_0123456789abcdef0123456789abcdef" }],
});

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }

  return value;
}
