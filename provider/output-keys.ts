/** The output keys of `UserPassword`, each with a decision about its secrecy. */

/** Output keys whose values are passwords or tokens; they are stored only as Pulumi secrets. */
export const SECRET_OUTPUT_KEYS = ["password", "currentPassword", "accessToken", "refreshToken", "apiKey", "pendingPassword"] as const;

/** Output keys whose values are safe to show in plain text: ids, times, counters and reasons. */
export const PUBLIC_OUTPUT_KEYS = [
  "userId",
  "accessTokenExpiresAt",
  "refreshTokenExpiresAt",
  "rotatedAt",
  "rotationCount",
  "passwordVersion",
  "rotationReason",
  "syncStatus",
  "verifyOnRefresh",
] as const;
