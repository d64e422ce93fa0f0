export { PUBLIC_OUTPUT_KEYS, SECRET_OUTPUT_KEYS, UserPassword, type UserPasswordArgs } from "./user-password";
export type { UserPasswordOutputs } from "./outputs";
export type { RotationReason } from "./inputs-version";
export { GeneratedPassword, type GeneratedPasswordArgs, type GeneratedPasswordOutputs, type GenerationReason, type KeeperValue } from "./generated-password";
