/** Typed client for Gcore's IAM API, built on axios. */
export { GcoreIamClient } from "./client";
export { decodeTokenExpiry } from "./jwt";
export type {
  ContractSchemas,
  GcoreAuthType,
  GcoreClientOptions,
  GcoreUser,
  GcoreUserGroup,
  GcoreUserType,
  LoginCredentials,
  PasswordChange,
  TokenPair,
} from "./types";
export * from "./errors";
