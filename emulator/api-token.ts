/**
 * Shape of a permanent API token: a numeric token id, a separator and a hex secret. Gcore issues
 * `_` as the separator and still accepts tokens with the legacy `$` separator.
 */
const API_TOKEN_PATTERN = /^[0-9]+[_$][0-9a-fA-F]+$/;

/** Returns whether `text` has the shape of a permanent API token. It does not check that the token exists. */
export function looksLikeApiToken(text: string): boolean {
  return API_TOKEN_PATTERN.test(text);
}
