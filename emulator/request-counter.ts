import type { Socket } from "node:net";

import type { RouteKey } from "./types";

const ROUTE_KEYS: RouteKey[] = [
  "PUT /iam/users/{userId}/password",
  "POST /iam/auth/jwt/login",
  "POST /iam/auth/jwt/refresh",
  "GET /iam/users/{userId}",
  "other",
];

/** Counts requests per route key, responses per route key and status, and the connections they came on. */
export class RequestCounter {
  private requests = new Map<RouteKey, number>();
  private statuses = new Map<RouteKey, Map<number | "dropped", number>>();
  private connections = new WeakSet<Socket>();
  private connectionTotal = 0;

  /** Counts the connection of a counted request once, so keep-alive reuse shows as fewer connections. */
  recordConnection(socket: Socket): void {
    if (!this.connections.has(socket)) {
      this.connections.add(socket);
      this.connectionTotal += 1;
    }
  }

  /** Returns how many TCP connections carried at least one counted request. */
  connectionCount(): number {
    return this.connectionTotal;
  }

  /** Counts one request. `status` is "dropped" when the connection was destroyed instead of answered. */
  record(key: RouteKey, status: number | "dropped"): void {
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);

    const byStatus = this.statuses.get(key) ?? new Map<number | "dropped", number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    this.statuses.set(key, byStatus);
  }

  /** Returns a count for every route key, zero included. */
  requestCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const key of ROUTE_KEYS) {
      counts[key] = this.requests.get(key) ?? 0;
    }

    return counts;
  }

  /** Returns an entry for every route key, holding counts only for statuses that occurred. */
  statusCounts(): Record<string, Record<string, number>> {
    const counts: Record<string, Record<string, number>> = {};
    for (const key of ROUTE_KEYS) {
      counts[key] = Object.fromEntries([...(this.statuses.get(key) ?? [])].map(([status, count]) => [String(status), count]));
    }

    return counts;
  }

  reset(): void {
    this.requests.clear();
    this.statuses.clear();
    this.connections = new WeakSet<Socket>();
    this.connectionTotal = 0;
  }
}
