/** Output keys of `GeneratedPassword` whose values are secrets. */
export const GENERATED_PASSWORD_SECRET_OUTPUT_KEYS = ["result"] as const;
