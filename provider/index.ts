export { UserPassword, SECRET_OUTPUT_KEYS, type UserPasswordArgs } from "./userPassword";
export type { UserPasswordOutputs } from "./outputs";
