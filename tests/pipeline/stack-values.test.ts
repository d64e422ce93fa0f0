import type { ResourceOutcome } from "../../automation/pipeline/outcomes";
import { describeUnusableOutputs } from "../../automation/pipeline/stack-values";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const FAILED: ResourceOutcome = { urn: "urn:pulumi:prod::gcore::pulumi-nodejs:dynamic/gcore:UserPassword::admin", type: "gcore:UserPassword", name: "admin", outcome: "failed" };
const ROTATED: ResourceOutcome = { ...FAILED, urn: `${FAILED.urn}-2`, name: "bob", outcome: "rotated" };

describe("describeUnusableOutputs", () => {
  test("failed resource with unknown stack outputs", () => {
    const outputs = {
      password: { value: UNKNOWN, secret: true },
      accounts: { value: { admin: { rotatedAt: UNKNOWN } }, secret: false },
      userId: { value: 42, secret: false },
    };

    expect(describeUnusableOutputs([FAILED, ROTATED], outputs)).toEqual([
      `The outputs of the failed resources (admin) are not usable until the next successful up. The stack outputs password, accounts read as Pulumi's placeholder for unknown values, ${UNKNOWN}.`,
    ]);
  });

  test("failed resource without stack outputs", () => {
    expect(describeUnusableOutputs([FAILED], { userId: { value: 42 } })).toEqual([
      "The outputs of the failed resources (admin) are not usable until the next successful up.",
    ]);
  });

  test("unknown stack output without failure", () => {
    expect(describeUnusableOutputs([ROTATED], { password: { value: UNKNOWN, secret: true } })).toEqual([
      `The stack outputs password read as Pulumi's placeholder for unknown values, ${UNKNOWN}, and are not usable until the next successful up.`,
    ]);
  });

  test("successful up has none", () => {
    expect(describeUnusableOutputs([ROTATED], { password: { value: "Canary-known-password", secret: true } })).toEqual([]);
  });
});
