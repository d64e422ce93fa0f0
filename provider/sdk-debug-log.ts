/**
 * Keeps secret output values out of the Pulumi SDK's debug log.
 *
 * The Node.js SDK (3.276) logs every RegisterResource and ReadResource response as a debug message,
 * the resource's outputs included. Secret values appear there in plaintext inside the protocol's
 * secret envelope, and the engine forwards debug messages into its event stream at every verbosity:
 * the Automation API's event callback, `--event-log` files and a Pulumi Cloud update log. The engine
 * masks only the values of secret config, so tokens and generated passwords would be visible.
 *
 * This module wraps the SDK's `log.debug` in the program's process: a message that contains the
 * secret envelope keeps its text up to the response and loses the response itself. Messages without
 * secret values pass through unchanged.
 */

import { SECRET_SIGNATURE } from "./sealed-secrets";

/** The label that starts the RPC response in the SDK's debug messages. */
const RESPONSE_LABEL = ", resp: ";

/** The text that replaces a response with secret values. */
export const OMITTED_RESPONSE = "[omitted by gcore-rotate: the response contains secret values]";

/** Marks a wrapped `debug` function, so a second call does not wrap it again. */
const WRAPPED = Symbol.for("gcore-rotate.sdk-debug-log");

type DebugLog = ((message: string, ...rest: unknown[]) => Promise<void>) & { [WRAPPED]?: true };

/** Returns the message with any response that contains secret values replaced by `OMITTED_RESPONSE`. */
export function withoutSecretResponse(message: string): string {
  if (!message.includes(SECRET_SIGNATURE)) {
    return message;
  }
  const responseStart = message.indexOf(RESPONSE_LABEL);

  return responseStart === -1 ? OMITTED_RESPONSE : message.slice(0, responseStart + RESPONSE_LABEL.length) + OMITTED_RESPONSE;
}

/** Wraps the SDK's `log.debug` once per loaded copy of the SDK. Returns whether the wrapper is in place. */
export function omitSecretsFromSdkDebugLog(): boolean {
  let log: { debug?: DebugLog };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    log = require("@pulumi/pulumi/log") as typeof log;
  } catch {
    return false;
  }
  const original = log.debug;
  if (typeof original !== "function") {
    return false;
  }
  if (original[WRAPPED]) {
    return true;
  }

  const wrapped: DebugLog = (message, ...rest) => original(typeof message === "string" ? withoutSecretResponse(message) : message, ...rest);
  wrapped[WRAPPED] = true;
  log.debug = wrapped;
  return true;
}
