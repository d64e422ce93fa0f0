import { validateLockoutPolicy } from "./faults";
import type { LockoutPolicy } from "./types";

/**
 * Counts failed password attempts per user and locks a user out once the policy's limit is reached.
 * Without a policy nothing is counted and nobody is locked. Gcore publishes no lockout rule, so the
 * policy is the test's choice.
 */
export class LockoutTracker {
  private policy: LockoutPolicy | undefined;
  private readonly failures = new Map<number, number>();
  private readonly locked = new Set<number>();

  constructor(private readonly log: (line: string) => void) {}

  /** Replaces the policy, discards every failed attempt and unlocks every user. Throws an `InvalidSettingError`. */
  setPolicy(policy: unknown): void {
    this.policy = policy === undefined ? undefined : validateLockoutPolicy(policy);
    this.failures.clear();
    this.locked.clear();

    const description = this.policy === undefined ? "off" : `lock a user after ${this.policy.maxFailedAttempts} failed attempts`;
    this.log(`lockout: ${description}`);
  }

  /** Returns the policy in place, if any. */
  currentPolicy(): LockoutPolicy | undefined {
    return this.policy === undefined ? undefined : { ...this.policy };
  }

  isLocked(userId: number): boolean {
    return this.locked.has(userId);
  }

  /** Counts one failed attempt of `userId` and locks the user when it reaches the limit. */
  recordFailure(userId: number): void {
    if (this.policy === undefined) {
      return;
    }

    const failures = (this.failures.get(userId) ?? 0) + 1;
    this.failures.set(userId, failures);
    if (failures >= this.policy.maxFailedAttempts && !this.locked.has(userId)) {
      this.locked.add(userId);
      this.log(`lockout: user ${userId} locked after ${failures} failed attempts`);
    }
  }

  /** Discards the failed attempts of `userId` after a successful login or password change. */
  recordSuccess(userId: number): void {
    this.failures.delete(userId);
  }

  /** Returns the locked user ids in ascending order. */
  lockedUserIds(): number[] {
    return [...this.locked].sort((a, b) => a - b);
  }
}
