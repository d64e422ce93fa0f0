import { readFileSync } from "node:fs";
import { SeedError, validateSeed } from "./seed-validation";
import type { EmulatorSeed } from "./types";

/**
 * Reads and validates a JSON seed file. Throws a `SeedError` that names the file and the bad field.
 * Parser messages are left out because they can quote the file's text, passwords included.
 */
export function loadSeedFile(path: string): EmulatorSeed {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new SeedError(`Cannot read emulator seed file ${path} (${code}). Check the path and its permissions.`, "");
  }

  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SeedError(`Emulator seed file ${path} is not valid JSON. Check it with a JSON validator.`, "");
  }

  return validateSeed(value, path);
}
