/** The key Pulumi uses to mark a secret value in state and in `pulumi stack export` output. */
export const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/** How many leading characters of a canary a failure message may show. */
const SHOWN_PREFIX_LENGTH = 10;

/**
 * Secret values planted by a test, each under a label, that must never appear in any output.
 *
 * `foundIn` names a leak by label and a short prefix only, so a failing assertion such as
 * `expect(canaries.foundIn(text)).toEqual([])` never prints a whole secret.
 */
export class Canaries {
  private readonly values = new Map<string, string>();

  /** Registers a secret under a label and returns the secret. A later value under the same label adds to the set. */
  add(label: string, value: string): string {
    if (value.length < SHOWN_PREFIX_LENGTH * 2) {
      throw new Error(`Canary "${label}" is too short to detect reliably. Use at least ${SHOWN_PREFIX_LENGTH * 2} characters.`);
    }
    let key = label;
    for (let index = 2; this.values.has(key) && this.values.get(key) !== value; index++) {
      key = `${label} #${index}`;
    }
    this.values.set(key, value);
    return value;
  }

  /** Returns "label (prefix...)" for each registered secret that occurs in the text, raw or JSON-escaped. */
  foundIn(text: string): string[] {
    const found: string[] = [];
    for (const [label, value] of this.values) {
      const escaped = JSON.stringify(value).slice(1, -1);
      if (text.includes(value) || text.includes(escaped)) {
        found.push(`${label} (${value.slice(0, SHOWN_PREFIX_LENGTH)}...)`);
      }
    }
    return found;
  }

  /** The number of registered secrets, so a test can prove it checked something. */
  get size(): number {
    return this.values.size;
  }
}

/**
 * Returns the plaintext of a value from `stack.exportStack()`, which decrypts secrets into objects
 * of the form `{ [SECRET_SIGNATURE]: ..., plaintext: "<JSON>" }`. Other values pass through.
 */
export function plaintextOf(value: unknown): unknown {
  if (isSecretObject(value) && typeof value.plaintext === "string") {
    return JSON.parse(value.plaintext);
  }
  return value;
}

/** Tells whether a value is Pulumi's secret object, encrypted (`ciphertext`) or decrypted (`plaintext`). */
export function isSecretObject(value: unknown): value is { ciphertext?: string; plaintext?: string } {
  return typeof value === "object" && value !== null && SECRET_SIGNATURE in value;
}
