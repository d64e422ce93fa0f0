import { GcoreAuthenticationError, GcoreValidationError, type GcoreIamClient } from "../sdk";
import type { UserPasswordOutputs } from "./outputs";
import type { RateGate } from "./rotation/rate-gate";
import { IN_SYNC, isOutOfSync, OUT_OF_SYNC } from "./sync-status";

/** Dependencies of a drift check: a client that never retries (one log-in at most) and the shared gate. */
export interface DriftCheckContext {
  client: GcoreIamClient;
  gate: RateGate;
}

/**
 * Checks whether the stored password still logs in and returns the new `syncStatus`.
 *
 * It makes at most one log-in. It makes none when drift was already recorded, because every wrong
 * password counts toward Gcore's lockout and the result cannot change until the user acts. A 429 or
 * any other failure leaves the recorded status as it is: only a rejected password is drift.
 */
export async function checkForDrift(email: string, stored: UserPasswordOutputs, context: DriftCheckContext): Promise<string> {
  const recorded = stored.syncStatus ?? IN_SYNC;
  if (isOutOfSync(recorded)) {
    return recorded;
  }

  try {
    await context.gate.run(() => context.client.logIn({ username: email, password: stored.password }));
    return IN_SYNC;
  } catch (error) {
    if (error instanceof GcoreAuthenticationError || error instanceof GcoreValidationError) {
      return OUT_OF_SYNC;
    }
    return recorded;
  }
}

/** Decides whether a refresh checks this resource's password: the resource's setting, else the stack's. */
export function shouldCheckForDrift(stored: UserPasswordOutputs, stackDefault: boolean): boolean {
  return typeof stored.verifyOnRefresh === "boolean" ? stored.verifyOnRefresh : stackDefault;
}
