/**
 * The exit codes of `gcore-rotate-pipeline`, for schedulers and CI jobs to act on.
 *
 * | code | meaning |
 * |---|---|
 * | 0 | `up` finished, or `preview` found nothing to change. |
 * | 1 | The run failed: a resource failed, the engine reported an error, or the stack could not be read. |
 * | 2 | Usage or setup error: invalid arguments, a missing or invalid program, Pulumi.yaml, Pulumi CLI or language host, an unknown or invalid stack name, a missing or wrong passphrase, or an invalid GCORE_ROTATE_NOW. Running again unchanged does not help. |
 * | 3 | `preview` found pending changes, such as due rotations. Run `up` to apply them. |
 * | 130 | SIGINT (Ctrl-C) stopped the run. The Pulumi CLI cancelled the operation and released the stack lock, unless it outlasted `--cancel-timeout` and was killed, which a warning reports. Run it again. |
 * | 143 | SIGTERM stopped the run, with the same cancellation as for SIGINT. |
 */
export const EXIT_CODES = {
  success: 0,
  failure: 1,
  usage: 2,
  changesPending: 3,
  interrupted: 130,
  terminated: 143,
} as const;

/** One of the documented exit codes. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
