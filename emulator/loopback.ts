import { isIP } from "node:net";

/** Returns whether a socket's remote address is a loopback address: 127.0.0.0/8 or ::1, IPv4-mapped forms included. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined || isIP(address) === 0) {
    return false;
  }

  const unmapped = address.toLowerCase().startsWith("::ffff:") ? address.slice("::ffff:".length) : address;

  return (isIP(unmapped) === 4 && unmapped.startsWith("127.")) || address === "::1";
}
