import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object of `NoopPassword`, serialized into `__provider` exactly as `UserPassword`'s is:
 * each method loads its runtime with `require` at call time. The engine resolves the module name
 * from the Pulumi project folder, whose `node_modules/gcore-rotate` the benchmark points at its own
 * build (see `project-folder.ts`).
 */
export const noopPasswordProvider: pulumi.dynamic.ResourceProvider = {
  async configure() {
    return require("gcore-rotate/bench/noop-runtime").noopPasswordRuntime.configure();
  },
  async check(olds, news) {
    return require("gcore-rotate/bench/noop-runtime").noopPasswordRuntime.check(olds, news);
  },
  async diff(id, olds, news) {
    return require("gcore-rotate/bench/noop-runtime").noopPasswordRuntime.diff(id, olds, news);
  },
  async create(inputs) {
    return require("gcore-rotate/bench/noop-runtime").noopPasswordRuntime.create(inputs);
  },
  async read(id, props) {
    return require("gcore-rotate/bench/noop-runtime").noopPasswordRuntime.read(id, props);
  },
  async update(id, olds, news) {
    return require("gcore-rotate/bench/noop-runtime").noopPasswordRuntime.update(id, olds, news);
  },
  async delete() {
    return require("gcore-rotate/bench/noop-runtime").noopPasswordRuntime.delete();
  },
};
