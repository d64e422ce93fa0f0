/**
 * Gcore's user groups and their ids, as listed in the `Group` model of Gcore's Python SDK
 * (package gcore 0.27.0).
 */
export const GROUP_IDS: Readonly<Record<string, number>> = {
  Administrators: 1,
  Users: 2,
  Engineers: 5,
  "Purge and Prefetch only (API+Web)": 3009,
  "Purge and Prefetch only (API)": 3022,
};

/** Returns whether `name` is one of Gcore's group names. */
export function isGroupName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(GROUP_IDS, name);
}
