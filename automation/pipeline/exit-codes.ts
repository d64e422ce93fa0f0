/**
 * The exit codes of `gcore-rotate-pipeline`, for schedulers and CI jobs to act on.
 *
 * | code | meaning |
 * |---|---|
 * | 0 | `up` finished, or `preview` found nothing to change. |
 * | 1 | The run failed: a resource failed, the engine reported an error, or the stack could not be read. |
 * | 2 | Usage or setup error: invalid arguments, a missing program, Pulumi.yaml, Pulumi CLI or language host, or an unknown stack. Running again unchanged does not help. |
 * | 3 | `preview` found pending changes, such as due rotations. Run `up` to apply them. |
 */
export const EXIT_CODES = {
  success: 0,
  failure: 1,
  usage: 2,
  changesPending: 3,
} as const;

/** One of the documented exit codes. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
