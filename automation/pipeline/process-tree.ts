import { execFileSync } from "node:child_process";
import * as fs from "node:fs";

/**
 * Tells whether this process belongs to the foreground process group of a terminal, the group that
 * receives the terminal's SIGINT on Ctrl-C. Reads /proc on Linux and `ps` elsewhere.
 */
export function isInForegroundProcessGroup(): boolean {
  let groupAndForeground: string[];
  if (fs.existsSync("/proc/self/stat")) {
    // The fields after the command name are state, ppid, pgrp, session, tty_nr and tpgid. Without a terminal, tpgid is -1.
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    groupAndForeground = [fields[2], fields[5]];
  } else {
    try {
      groupAndForeground = execFileSync("ps", ["-o", "pgid=", "-o", "tpgid=", "-p", String(process.pid)], { encoding: "utf8" }).trim().split(/\s+/);
    } catch {
      return false;
    }
  }
  const [group, foreground] = groupAndForeground.map(Number);
  return foreground > 0 && group === foreground;
}

/**
 * Sends SIGKILL to every process that this process started, directly or through its children, and
 * returns how many there were. The Pulumi CLI starts its plugins in process groups of their own, so
 * killing the CLI's group alone would leave them running.
 */
export function killDescendantProcesses(): number {
  // The whole tree is read before the first kill, because a killed parent's children move to init.
  const descendants = listDescendantProcesses(process.pid);
  for (const id of descendants) {
    try {
      process.kill(id, "SIGKILL");
    } catch {
      // The process has already exited.
    }
  }
  return descendants.length;
}

/** Returns the ids of the running descendants of a process, from /proc on Linux and from `ps` elsewhere. */
export function listDescendantProcesses(rootId: number): number[] {
  const parents = fs.existsSync("/proc/self/stat") ? readParentsFromProc() : readParentsFromPs();
  const children = new Map<number, number[]>();
  for (const [id, parent] of parents) {
    children.set(parent, [...(children.get(parent) ?? []), id]);
  }

  const descendants: number[] = [];
  const pending = [...(children.get(rootId) ?? [])];
  while (pending.length > 0) {
    const id = pending.shift() as number;
    descendants.push(id);
    pending.push(...(children.get(id) ?? []));
  }
  return descendants;
}

/** Reads each process's parent id from /proc/PID/stat, whose fourth field follows the command name in parentheses. */
function readParentsFromProc(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // The command name may contain spaces and parentheses, so the fields are counted from its closing one.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    parents.set(Number(entry), Number(fields[1]));
  }
  return parents;
}

function readParentsFromPs(): Map<number, number> {
  const parents = new Map<number, number>();
  let table: string;
  try {
    table = execFileSync("ps", ["-A", "-o", "pid=", "-o", "ppid="], { encoding: "utf8" });
  } catch {
    return parents;
  }
  for (const line of table.split("\n")) {
    const [id, parent] = line.trim().split(/\s+/).map(Number);
    if (Number.isInteger(id) && Number.isInteger(parent)) {
      parents.set(id, parent);
    }
  }
  return parents;
}
