import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object that Pulumi serializes into each resource's `__provider` property.
 *
 * Every method loads the installed package's runtime with `require` at call time instead of
 * capturing code, so the serialized text contains no code or data of its own (about 2.6 KB, nearly all
 * of it the closure serializer's wrapping of seven `require` calls), stays the same across versions
 * of this package (an upgrade does not show `~__provider` or force an update), and refresh and
 * destroy run the installed code rather than the code that was current when the state was written.
 * The runtime resolves from the Pulumi project's `node_modules`, where the package is installed.
 */
export const userPasswordProvider: pulumi.dynamic.ResourceProvider = {
  async configure(request) {
    return require("gcore-rotate/provider/runtime").userPasswordRuntime.configure(request);
  },
  async check(olds, news) {
    return require("gcore-rotate/provider/runtime").userPasswordRuntime.check(olds, news);
  },
  async diff(id, olds, news) {
    return require("gcore-rotate/provider/runtime").userPasswordRuntime.diff(id, olds, news);
  },
  async create(inputs) {
    return require("gcore-rotate/provider/runtime").userPasswordRuntime.create(inputs);
  },
  async read(id, props) {
    return require("gcore-rotate/provider/runtime").userPasswordRuntime.read(id, props);
  },
  async update(id, olds, news) {
    return require("gcore-rotate/provider/runtime").userPasswordRuntime.update(id, olds, news);
  },
  async delete(id, props) {
    return require("gcore-rotate/provider/runtime").userPasswordRuntime.delete(id, props);
  },
};
