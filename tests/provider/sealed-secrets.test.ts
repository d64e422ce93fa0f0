import { isSealed, sealSecrets, SECRET_SIGNATURE, SIGNATURE_KEY, withSealedSecrets } from "../../provider/sealed-secrets";
import { OMITTED_RESPONSE, withoutSecretResponse } from "../../provider/sdk-debug-log";
import { errorWithState } from "../../provider/failed-state";
import type * as pulumi from "@pulumi/pulumi";

const envelope = (value: unknown) => ({ [SIGNATURE_KEY]: SECRET_SIGNATURE, value });

describe("sealSecrets", () => {
  test("seals listed keys only", () => {
    expect(sealSecrets({ token: "t-1", rotatedAt: "2026-01-01" }, ["token"])).toEqual({ token: envelope("t-1"), rotatedAt: "2026-01-01" });
  });

  test("leaves absent keys absent", () => {
    expect(sealSecrets({ rotatedAt: "never" }, ["token"])).toEqual({ rotatedAt: "never" });
  });

  test("does not seal twice", () => {
    const once = sealSecrets({ token: "t-1" }, ["token"]);

    expect(sealSecrets(once, ["token"])).toEqual(once);
    expect(isSealed(once.token)).toBe(true);
  });
});

describe("withSealedSecrets", () => {
  const base = {
    configured: "",
    async configure(request: pulumi.dynamic.ConfigureRequest) {
      this.configured = String(request.config.get("gcore:baseUrl"));
    },
    async check(_olds: unknown, news: Record<string, unknown>) {
      return { inputs: news };
    },
    async diff() {
      return { changes: false };
    },
    async create() {
      return { id: "42", outs: { token: "t-1", configured: this.configured } };
    },
    async update() {
      throw errorWithState(new Error("change failed"), "42", { token: "t-2" } as never);
    },
    async read(id: string) {
      return { id, props: { token: "t-3" } };
    },
    async delete() {},
  };
  const sealed = withSealedSecrets(base, ["token"]);

  test("create seals and keeps the provider's own state", async () => {
    await sealed.configure!({ config: { get: () => "http://127.0.0.1:1" } } as unknown as pulumi.dynamic.ConfigureRequest);

    expect(await sealed.create({})).toEqual({ id: "42", outs: { token: envelope("t-1"), configured: "http://127.0.0.1:1" } });
  });

  test("read seals", async () => {
    expect(await sealed.read!("42", {})).toEqual({ id: "42", props: { token: envelope("t-3") } });
  });

  test("partial failure state is sealed", async () => {
    const error = (await sealed.update!("42", {}, {}).then(
      () => new Error("update succeeded"),
      (caught: unknown) => caught,
    )) as Error & { properties?: unknown };

    expect(error.message).toBe("change failed");
    expect(error.properties).toEqual({ token: envelope("t-2") });
  });
});

describe("withoutSecretResponse", () => {
  test("drops a response with secrets", () => {
    const message = `RegisterResource RPC finished: urn; err: null, resp: token,,,${SECRET_SIGNATURE},value,,,t-1`;

    expect(withoutSecretResponse(message)).toBe(`RegisterResource RPC finished: urn; err: null, resp: ${OMITTED_RESPONSE}`);
  });

  test("keeps a message without secrets", () => {
    const message = "RegisterResource RPC finished: urn; err: null, resp: rotatedAt,,,never";

    expect(withoutSecretResponse(message)).toBe(message);
  });

  test("drops a whole unlabelled message with secrets", () => {
    expect(withoutSecretResponse(`outputs ${SECRET_SIGNATURE} t-1`)).toBe(OMITTED_RESPONSE);
  });
});
