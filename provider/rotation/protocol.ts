import type { GcoreIamClient, TokenPair } from "../../sdk";
import { classifyChangeError, classifyLoginError } from "./classify";
import { DEFAULT_LIMITS, decideNextStep, stepAfterWait, type ChangeOutcome, type FailureReason, type LoginOutcome, type Observation, type RotationLimits, type RotationStart, type Step } from "./decide";
import type { RateGate } from "./rate-gate";

/** One password rotation to carry out. */
export interface RotationRequest {
  userId: number;
  /** The user's email, the username of a verifying log-in. */
  email: string;
  /** The password the account is believed to have. */
  oldPassword: string;
  /** The password the account should have. */
  newPassword: string;
  /** A password an earlier run sent but could not confirm; the rotation logs in with it first. */
  pendingPassword?: string;
  /** Whether Gcore has already rejected `oldPassword`, so it must not be sent again. */
  oldKnownBad?: boolean;
}

/** Dependencies of a rotation: the client and the shared rate gate. */
export interface RotationContext {
  client: GcoreIamClient;
  gate: RateGate;
  limits?: RotationLimits;
}

/** A finished rotation: the account has the new password. */
export interface RotationResult {
  tokens: TokenPair;
  /** "change" when the change call returned the tokens, "login" when a log-in confirmed the new password. */
  confirmedBy: "change" | "login";
  /** Every call made, in order. */
  observations: Observation[];
}

/** A rotation that ended without confirming the new password. */
export class RotationFailedError extends Error {
  override name = "RotationFailedError";

  constructor(
    readonly reason: FailureReason,
    readonly observations: Observation[],
    cause?: Error,
  ) {
    super(`password rotation failed: ${reason}`, cause === undefined ? undefined : { cause });
  }
}

/**
 * Changes a password so that no outcome leaves the account with a password nobody knows.
 * `decideNextStep` makes every decision; this function only performs the calls it asks for.
 * When old and new are equal (the user declared the account's real password as the desired one),
 * the rotation only confirms it by logging in.
 */
export async function rotatePassword(request: RotationRequest, context: RotationContext): Promise<RotationResult> {
  const limits = context.limits ?? DEFAULT_LIMITS;
  const observations: Observation[] = [];
  const start: RotationStart = {
    hasPending: request.pendingPassword !== undefined,
    pendingIsDesired: request.pendingPassword === request.newPassword,
    storedKnownBad: request.oldKnownBad === true,
  };
  const confirmOnly = !start.hasPending && request.oldPassword === request.newPassword;
  let step: Step = confirmOnly ? { action: "log-in-with-new" } : decideNextStep(observations, limits, start);
  let oldPassword = request.oldPassword;

  for (;;) {
    switch (step.action) {
      case "send-change":
        observations.push({ call: "change", outcome: await sendChange({ ...request, oldPassword }, context) });
        step = decideNextStep(observations, limits, start);
        break;
      case "log-in-with-new":
        observations.push({ call: "login", outcome: await logIn(request.email, request.newPassword, context) });
        step = decideNextStep(observations, limits, start);
        break;
      case "log-in-with-pending": {
        const outcome = await logIn(request.email, request.pendingPassword ?? "", context);
        observations.push({ call: "pending-login", outcome });
        // The pending password works, so it is the account's password and the old one of any change.
        if (outcome.kind === "logs-in" && request.pendingPassword !== undefined) {
          oldPassword = request.pendingPassword;
        }
        step = decideNextStep(observations, limits, start);
        break;
      }
      case "wait":
        context.gate.pause(step.seconds);
        step = stepAfterWait(observations);
        break;
      case "succeed":
        return { tokens: step.tokens, confirmedBy: step.confirmedBy, observations };
      case "fail":
        throw new RotationFailedError(step.reason, observations, step.cause);
    }
  }
}

async function sendChange(request: RotationRequest, context: RotationContext): Promise<ChangeOutcome> {
  try {
    const tokens = await context.gate.run(() =>
      context.client.changePassword(request.userId, { oldPassword: request.oldPassword, newPassword: request.newPassword }),
    );
    return { kind: "changed", tokens };
  } catch (error) {
    return classifyChangeError(error);
  }
}

async function logIn(email: string, password: string, context: RotationContext): Promise<LoginOutcome> {
  try {
    const tokens = await context.gate.run(() => context.client.logIn({ username: email, password }));
    return { kind: "logs-in", tokens };
  } catch (error) {
    return classifyLoginError(error);
  }
}
