/** Local stand-in for the Gcore IAM API: password change, JWT login and refresh, and user lookup. */
export type {
  EmulatorOptions,
  EmulatorSeed,
  FaultSwitches,
  LockoutPolicy,
  RouteAlias,
  RouteFault,
  RouteFaults,
  RouteKey,
  RunningEmulator,
  SeedApiToken,
  SeedClient,
  SeedUser,
} from "./types";
export { EmulatorListenError, startEmulator } from "./server";
export { DEMO_SEED } from "./demo-seed";
export { InvalidSettingError, ROUTE_ALIASES } from "./faults";
export { loadSeedFile } from "./seed-file";
export { StateFileError } from "./state-file";
export { SeedError, validateSeed } from "./seed-validation";
