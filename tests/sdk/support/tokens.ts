/** Builds an unsigned JWT-shaped string with the given claims and `signature` as its last part. */
export function fakeJwt(claims: Record<string, unknown>, signature = "c2lnbmF0dXJl"): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${encode({ typ: "JWT", alg: "RS256" })}.${encode(claims)}.${signature}`;
}

/** A token pair body as Gcore returns it. */
export function tokenPairBody(): { access: string; refresh: string } {
  return {
    access: fakeJwt({ token_type: "access", exp: 1_900_000_000, user_id: 42 }),
    refresh: fakeJwt({ token_type: "refresh", exp: 1_900_050_000, user_id: 42 }),
  };
}
