import type { EmulatorSeed } from "../../../emulator";

/** Two clients. Users 42 and 43 share client 1000, user 77 is in client 2000. */
export const TEST_SEED: EmulatorSeed = {
  clients: [
    { id: 1000, name: "Example Company" },
    { id: 2000, name: "Other Company" },
  ],
  users: [
    { id: 42, email: "owner@example.com", password: "Owner-Start-1", clientId: 1000, name: "Owner", groups: ["Administrators"], isAdmin: true },
    { id: 43, email: "colleague@example.com", password: "Colleague-Start-1", clientId: 1000 },
    { id: 77, email: "stranger@example.org", password: "Stranger-Start-1", clientId: 2000, name: "Stranger", groups: ["Engineers"] },
  ],
  apiTokens: [
    { userId: 42, token: "11_aa11bb22cc33dd44ee55ff6600112233" },
    { userId: 43, token: "12_0123456789abcdef" },
    { userId: 77, token: "13_fedcba9876543210" },
    { userId: 42, token: "14$deadbeefdeadbeef" },
  ],
};

export const OWNER_TOKEN = "11_aa11bb22cc33dd44ee55ff6600112233";
export const COLLEAGUE_TOKEN = "12_0123456789abcdef";
export const STRANGER_TOKEN = "13_fedcba9876543210";
export const OWNER_LEGACY_TOKEN = "14$deadbeefdeadbeef";
