import type * as pulumi from "@pulumi/pulumi";

/**
 * Secret outputs marked at the source, before they leave the dynamic-provider process.
 *
 * `additionalSecretOutputs` makes the SDK treat an output as secret only after the engine has sent it
 * back to the program, and the Node.js SDK logs that response as a debug diagnostic. An output key with
 * no secret input of the same name (the tokens, a generated password) would appear in plaintext in the
 * engine's event stream, in `--debug` output and in a Pulumi Cloud update log. The engine reads provider
 * results with secrets kept, so a value wrapped in the protocol's secret envelope is secret from the
 * first moment the engine receives it.
 */

/** The key and value that mark an object as a secret in Pulumi's property protocol. */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/** A property value in the protocol's secret envelope. */
interface SealedValue {
  [SIGNATURE_KEY]: typeof SECRET_SIGNATURE;
  value: unknown;
}

function seal(value: unknown): SealedValue {
  return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** Returns whether a value is already in the secret envelope. */
export function isSealed(value: unknown): value is SealedValue {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIGNATURE_KEY] === SECRET_SIGNATURE;
}

/** Returns a copy of `properties` with the values of `keys` in the secret envelope. Absent keys stay absent. */
export function sealSecrets<T extends object>(properties: T, keys: readonly string[]): T {
  const sealed = { ...properties } as Record<string, unknown>;
  for (const key of keys) {
    const value = sealed[key];
    if (value !== undefined && !isSealed(value)) {
      sealed[key] = seal(value);
    }
  }
  return sealed as T;
}

/** Seals the state that an error of a partial failure carries, so a failed run saves it as secret too. */
function sealErrorState(error: unknown, keys: readonly string[]): unknown {
  if (error instanceof Error && typeof (error as { properties?: unknown }).properties === "object") {
    const withState = error as Error & { properties: object };
    withState.properties = sealSecrets(withState.properties, keys);
  }
  return error;
}

/** A dynamic provider that implements every method but `configure`. */
type CompleteProvider = pulumi.dynamic.ResourceProvider & Required<Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "update" | "read" | "delete">>;

/**
 * Wraps a dynamic provider so that create, update and read return `keys` sealed, also in the state of
 * a partial failure. The other methods call the provider unchanged.
 */
export function withSealedSecrets(provider: CompleteProvider, keys: readonly string[]): pulumi.dynamic.ResourceProvider {
  const sealOutcome = <R>(outcome: Promise<R>, sealResult: (result: R) => R): Promise<R> =>
    outcome.then(sealResult, (error: unknown) => {
      throw sealErrorState(error, keys);
    });

  return {
    configure: async (request) => provider.configure?.(request),
    check: (olds, news) => provider.check(olds, news),
    diff: (id, olds, news) => provider.diff(id, olds, news),
    create: (inputs) => sealOutcome(provider.create(inputs), (result) => ({ ...result, outs: sealSecrets(result.outs ?? {}, keys) })),
    update: (id, olds, news) => sealOutcome(provider.update(id, olds, news), (result) => ({ ...result, outs: sealSecrets(result.outs ?? {}, keys) })),
    read: (id, props) => sealOutcome(provider.read(id, props), (result) => ({ ...result, props: sealSecrets(result.props ?? {}, keys) })),
    delete: (id, props) => provider.delete(id, props),
  };
}
