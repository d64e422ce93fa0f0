/** Local stand-in for the Gcore IAM API: password change, JWT login and refresh, and user lookup. */
export type {
  EmulatorOptions,
  EmulatorSeed,
  RouteKey,
  RunningEmulator,
  SeedApiToken,
  SeedClient,
  SeedUser,
} from "./types";
export { EmulatorListenError, startEmulator } from "./server";
export { DEMO_SEED } from "./demo-seed";
export { loadSeedFile } from "./seed-file";
export { SeedError, validateSeed } from "./seed-validation";
