/** Field name to messages, as in Gcore's `{"errors": {...}}` validation responses. */
export type FieldErrors = Record<string, string[]>;

/**
 * An error response in Gcore's shape. Handlers throw it and the request handler sends `status` and
 * `body` as JSON. Gcore's documented texts match those of Django REST framework and its SimpleJWT
 * package, so the texts Gcore does not document are taken from those packages.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(`${status} ${JSON.stringify(body)}`);
    this.name = "ApiError";
  }

  static validation(errors: FieldErrors): ApiError {
    return new ApiError(400, { errors });
  }

  static jsonParse(reason: string): ApiError {
    return new ApiError(400, { message: `JSON parse error - ${reason}` });
  }

  static notAuthenticated(): ApiError {
    return new ApiError(401, { detail: "Authentication credentials were not provided." });
  }

  static tokenInvalid(): ApiError {
    return new ApiError(401, { detail: "Token is invalid or expired", code: "token_not_valid" });
  }

  static tokenNotValidForAnyType(): ApiError {
    return new ApiError(401, { detail: "Given token not valid for any token type", code: "token_not_valid" });
  }

  static tokenWrongType(): ApiError {
    return new ApiError(401, { detail: "Token has wrong type", code: "token_not_valid" });
  }

  static tokenBlacklisted(): ApiError {
    return new ApiError(401, { detail: "Token is blacklisted", code: "token_not_valid" });
  }

  static noActiveAccount(): ApiError {
    return new ApiError(401, { detail: "No active account found with the given credentials" });
  }

  static permissionDenied(): ApiError {
    return new ApiError(403, { detail: "You do not have permission to perform this action." });
  }

  /** A login or password change by a user whom the lockout policy locked. Gcore documents no such response, so the text is the emulator's. */
  static userLocked(): ApiError {
    return new ApiError(403, { detail: "User is locked after too many failed attempts." });
  }

  static userNotFound(): ApiError {
    return new ApiError(404, { detail: "User not found." });
  }

  static notFound(): ApiError {
    return new ApiError(404, { detail: "Not found." });
  }

  static methodNotAllowed(method: string): ApiError {
    return new ApiError(405, { detail: `Method "${method}" not allowed.` });
  }

  static payloadTooLarge(limitBytes: number): ApiError {
    return new ApiError(413, { detail: `Request body is larger than the emulator's limit of ${limitBytes} bytes.` });
  }

  static serverError(): ApiError {
    return new ApiError(500, { detail: "A server error occurred." });
  }
}
