"use strict";
/**
 * Blocks outgoing TCP connections to hosts other than loopback and reports each blocked attempt.
 *
 * Tests that configure a remote address (such as plain http to 192.0.2.1) use it to prove that the
 * client rejects the address before connecting, and to make sure nothing leaves the machine if it
 * does not. A blocked socket never reaches the original `connect`, so no packet is sent; it fails
 * with the error code EGUARDBLOCKED instead.
 *
 * In a child process, load it with `NODE_OPTIONS=--require <this file>` and set
 * `CONNECTION_GUARD_LOG` to a file: the guard then appends "loaded <pid>" when it starts and
 * "blocked <host>:<port>" for each attempt. In-process, call `installConnectionGuard`.
 */
const fs = require("node:fs");
const net = require("node:net");

/** Tells whether a host name or address is loopback: localhost, 127.0.0.0/8 or ::1. */
function isLoopback(host) {
  const bare = String(host).replace(/^\[|\]$/g, "").replace(/^::ffff:/i, "");
  return bare === "localhost" || bare === "::1" || (net.isIPv4(bare) && bare.startsWith("127."));
}

/** Reads the target of a `Socket#connect` call from any of its argument forms. */
function connectTarget(args) {
  // net.connect() passes its normalized arguments as a single array.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === "object") {
    return first.path !== undefined ? { path: first.path } : { host: first.host ?? "localhost", port: first.port };
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) {
    return { path: first };
  }
  return { host: typeof args[1] === "string" ? args[1] : "localhost", port: first };
}

/**
 * Replaces `net.Socket.prototype.connect` until the returned function is called.
 * `allow(host)` decides which hosts may be reached (default: loopback only). Unix sockets are
 * always allowed. `onBlocked({ host, port })` runs for each blocked attempt.
 */
function installConnectionGuard({ allow = isLoopback, onBlocked = () => {} } = {}) {
  const original = net.Socket.prototype.connect;

  net.Socket.prototype.connect = function guardedConnect(...args) {
    const target = connectTarget(args);
    if (target.path !== undefined || allow(target.host)) {
      return original.apply(this, args);
    }

    onBlocked(target);
    const error = Object.assign(new Error(`connection to ${target.host}:${target.port} blocked by the test connection guard`), {
      code: "EGUARDBLOCKED",
    });
    process.nextTick(() => this.destroy(error));
    return this;
  };

  return () => {
    net.Socket.prototype.connect = original;
  };
}

const logFile = process.env.CONNECTION_GUARD_LOG;
if (logFile) {
  fs.appendFileSync(logFile, `loaded ${process.pid}\n`);
  installConnectionGuard({ onBlocked: (target) => fs.appendFileSync(logFile, `blocked ${target.host}:${target.port}\n`) });
}

module.exports = { installConnectionGuard, isLoopback };
