import { importSPKI, jwtVerify } from "jose";

/** Outcome of verifying one token with jose. */
export type JoseResult =
  | { ok: true; header: Record<string, unknown>; payload: Record<string, unknown> }
  | { ok: false; error: string };

/** Verifies each token with jose's `jwtVerify` against `pem`, taking `currentDateMs` as the current time. */
export async function verifyWithJose(tokens: string[], pem: string, currentDateMs: number): Promise<JoseResult[]> {
  const key = await importSPKI(pem, "RS256");
  const results: JoseResult[] = [];

  for (const token of tokens) {
    try {
      const { payload, protectedHeader } = await jwtVerify(token, key, { algorithms: ["RS256"], currentDate: new Date(currentDateMs) });
      results.push({ ok: true, header: { ...protectedHeader }, payload: { ...payload } });
    } catch (error) {
      const { code, message } = error as { code?: string; message: string };
      results.push({ ok: false, error: code ?? message });
    }
  }

  return results;
}
