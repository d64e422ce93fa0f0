import { createHash } from "node:crypto";
import { hashPassword, type PasswordHash } from "./password-hash";
import { DEFAULT_CLIENT, DEFAULT_USER_GROUPS } from "./seed-defaults";
import type { PersistedState, PersistedUser } from "./state-file";
import type { EmulatorSeed } from "./types";

/** A user as the emulator keeps it: seed fields with defaults applied, the client resolved and the password hashed. */
export interface StoredUser {
  id: number;
  email: string;
  name: string | null;
  clientId: number;
  clientName: string;
  groups: string[];
  isAdmin: boolean;
  passwordHash: PasswordHash;
}

/** In-memory users and permanent API tokens. API tokens are kept only as SHA-256 digests. */
export class UserStore {
  private readonly usersById = new Map<number, StoredUser>();
  private readonly userIdByTokenDigest = new Map<string, number>();
  /** Called after every password change, so that a state file can be rewritten. */
  onChange: () => void = () => {};

  private constructor() {}

  /** Builds a store from the users and API token digests of a state file. */
  static fromSnapshot(state: Pick<PersistedState, "users" | "apiTokens">): UserStore {
    const store = new UserStore();

    for (const user of state.users) {
      const { passwordSalt, passwordHash, ...fields } = user;
      store.usersById.set(user.id, {
        ...fields,
        groups: [...user.groups],
        passwordHash: { salt: Buffer.from(passwordSalt, "base64"), hash: Buffer.from(passwordHash, "base64") },
      });
    }
    for (const apiToken of state.apiTokens) {
      store.userIdByTokenDigest.set(apiToken.sha256, apiToken.userId);
    }

    return store;
  }

  /** Returns the users and API token digests in the form a state file stores them. */
  snapshot(): Pick<PersistedState, "users" | "apiTokens"> {
    const users: PersistedUser[] = [...this.usersById.values()].map(({ passwordHash, ...fields }) => ({
      ...fields,
      groups: [...fields.groups],
      passwordSalt: passwordHash.salt.toString("base64"),
      passwordHash: passwordHash.hash.toString("base64"),
    }));
    const apiTokens = [...this.userIdByTokenDigest].map(([sha256, userId]) => ({ userId, sha256 }));

    return { users, apiTokens };
  }

  /** Builds a store from a seed that `validateSeed` accepted. */
  static async fromSeed(seed: EmulatorSeed): Promise<UserStore> {
    const store = new UserStore();

    const clientNames = new Map<number, string>([[DEFAULT_CLIENT.id, DEFAULT_CLIENT.name]]);
    for (const client of seed.clients ?? []) {
      clientNames.set(client.id, client.name);
    }

    for (const user of seed.users) {
      const clientId = user.clientId ?? DEFAULT_CLIENT.id;
      store.usersById.set(user.id, {
        id: user.id,
        email: user.email,
        name: user.name ?? null,
        clientId,
        clientName: clientNames.get(clientId) ?? DEFAULT_CLIENT.name,
        groups: [...(user.groups ?? DEFAULT_USER_GROUPS)],
        isAdmin: user.isAdmin ?? false,
        passwordHash: await hashPassword(user.password),
      });
    }

    for (const apiToken of seed.apiTokens ?? []) {
      store.userIdByTokenDigest.set(digestToken(apiToken.token), apiToken.userId);
    }

    return store;
  }

  findById(userId: number): StoredUser | undefined {
    return this.usersById.get(userId);
  }

  /** Finds the user whose e-mail equals `email` exactly, which is how login matches the username. */
  findByEmail(email: string): StoredUser | undefined {
    for (const user of this.usersById.values()) {
      if (user.email === email) {
        return user;
      }
    }

    return undefined;
  }

  findByApiToken(token: string): StoredUser | undefined {
    const userId = this.userIdByTokenDigest.get(digestToken(token));

    return userId === undefined ? undefined : this.usersById.get(userId);
  }

  /** Replaces the password hash of an existing user. */
  setPasswordHash(userId: number, passwordHash: PasswordHash): void {
    const user = this.usersById.get(userId);
    if (user === undefined) {
      throw new Error(`Cannot set the password of user ${userId}: user not found.`);
    }

    user.passwordHash = passwordHash;
    this.onChange();
  }
}

function digestToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
