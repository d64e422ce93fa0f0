/**
 * The single redaction path of the SDK. Every text that does not come from the SDK's own wording
 * (Gcore's error texts and headers, underlying error messages, configured values) and every log line
 * passes through a `Redact` function built here before it reaches an error or the logger.
 */

/** Text that replaces each secret. */
export const REDACTED = "[REDACTED]";

/** Replaces secrets in a piece of text. */
export type Redact = (text: string) => string;

// These patterns catch credentials even when the exact secret is not known to the redactor.
// An Authorization value: a scheme followed by a token-like word (8+ characters with a digit, "$", "_" or ".").
const AUTHORIZATION_VALUE = /\b(APIKey|Bearer)\s+(?=[^\s"',;]*[0-9$_.])[^\s"',;]{8,}/gi;
// A JWT: base64url JSON header, payload and signature separated by dots.
const JWT = /\beyJ[\w-]*\.[\w-]+\.[\w-]*/g;
// User info in a URL, such as "https://user:password@host". It runs to the last "@" before the path,
// because a password may itself contain "@".
const URL_USER_INFO = /(\/\/)[^\s/?#]*@/g;

/**
 * Creates a redactor that replaces each given secret, its JSON-escaped and its URL-encoded form,
 * and anything shaped like an Authorization value, a JWT or URL user info, with `REDACTED`.
 *
 * Every non-empty secret is replaced, however short, so a one-character password garbles text
 * rather than leaking.
 */
export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redact {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) {
      continue;
    }
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  // Sorted by decreasing length, so a secret that contains another one is replaced whole.
  const ordered = [...forms].sort((a, b) => b.length - a.length);

  return (text: string): string => {
    let result = text;
    for (const form of ordered) {
      result = result.split(form).join(REDACTED);
    }
    return result
      .replace(AUTHORIZATION_VALUE, `$1 ${REDACTED}`)
      .replace(JWT, REDACTED)
      .replace(URL_USER_INFO, `$1${REDACTED}@`);
  };
}

/**
 * Builds a safe stand-in for an underlying error: a new Error with the original name, the string
 * `code` if any, and the redacted message.
 *
 * Raw axios errors must never become a `cause`, because they hold the request config (headers with
 * the Authorization value, the body with passwords) and the request and response objects.
 */
export function sanitizeCause(error: unknown, redact: Redact): Error {
  const source = error instanceof Error ? error : new Error(String(error));
  const cause = new Error(redact(source.message));
  cause.name = redact(source.name);

  const code = (error as { code?: unknown } | null | undefined)?.code;
  if (typeof code === "string") {
    Object.defineProperty(cause, "code", { value: redact(code), enumerable: true });
  }
  return cause;
}
