import { spawn } from "node:child_process";
import path from "node:path";

/** Outcome of verifying one token with jose. */
export type JoseResult =
  | { ok: true; header: Record<string, unknown>; payload: Record<string, unknown> }
  | { ok: false; error: string };

// jose 6 ships only as an ES module, which Jest's CommonJS runtime cannot load, so the check runs in
// a plain Node process. Node 20.19 and later load it there.
const SCRIPT = `
const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", async () => {
  const { tokens, pem, currentDateMs } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const jose = await import("jose");
  const key = await jose.importSPKI(pem, "RS256");
  const results = [];
  for (const token of tokens) {
    try {
      const { payload, protectedHeader } = await jose.jwtVerify(token, key, { algorithms: ["RS256"], currentDate: new Date(currentDateMs) });
      results.push({ ok: true, header: protectedHeader, payload });
    } catch (error) {
      results.push({ ok: false, error: error.code || error.message });
    }
  }
  process.stdout.write(JSON.stringify(results));
});
`;

/** Verifies each token with jose's `jwtVerify` against `pem`, taking `currentDateMs` as the current time. */
export function verifyWithJose(tokens: string[], pem: string, currentDateMs: number): Promise<JoseResult[]> {
  return new Promise((resolve, reject) => {
    const repositoryRoot = path.resolve(__dirname, "../../..");
    const child = spawn(process.execPath, ["-e", SCRIPT], { cwd: repositoryRoot, stdio: ["pipe", "pipe", "pipe"] });

    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(new Error(`jose verification process exited with ${code}: ${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout));
    });

    child.stdin.end(JSON.stringify({ tokens, pem, currentDateMs }));
  });
}
