export { UserPassword, SECRET_OUTPUT_KEYS, type UserPasswordArgs } from "./user-password";
export type { UserPasswordOutputs } from "./outputs";
