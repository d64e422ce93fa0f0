export { GeneratedPassword, GENERATED_PASSWORD_SECRET_OUTPUT_KEYS, type GeneratedPasswordArgs } from "./resource";
export type { GeneratedPasswordInputs, GeneratedPasswordSettings, GenerationReason, KeeperValue } from "./inputs";
export type { GeneratedPasswordOutputs } from "./state";
export { NOW_OVERRIDE_VARIABLE } from "./clock-override";
