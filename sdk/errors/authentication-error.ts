import { GcoreError } from "./gcore-error";

/** Gcore rejected the credentials (401): the API key or token is missing, invalid or expired, or the login failed. */
export class GcoreAuthenticationError extends GcoreError {
  override name = "GcoreAuthenticationError";
}
