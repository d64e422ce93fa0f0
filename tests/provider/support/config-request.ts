import type * as pulumi from "@pulumi/pulumi";

/** Builds the request that `configure` receives, with `values` as the stack config. */
export function configRequest(values: Record<string, string>): pulumi.dynamic.ConfigureRequest {
  const config = { get: (key: string) => values[key], require: (key: string) => values[key] ?? "" };
  return { config } as unknown as pulumi.dynamic.ConfigureRequest;
}
