import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object that Pulumi serializes into each `GeneratedPassword`'s `__provider` property.
 *
 * Like the `UserPassword` provider, every method loads the installed package's runtime with `require`
 * at call time, so the serialized text is small and the same across versions of this package, and
 * refresh and destroy run the installed code. The runtime resolves from the Pulumi project's
 * `node_modules`.
 */
export const generatedPasswordProvider: pulumi.dynamic.ResourceProvider = {
  async check(olds, news) {
    return require("gcore-rotate/provider/generated-password-runtime").generatedPasswordRuntime.check(olds, news);
  },
  async diff(id, olds, news) {
    return require("gcore-rotate/provider/generated-password-runtime").generatedPasswordRuntime.diff(id, olds, news);
  },
  async create(inputs) {
    return require("gcore-rotate/provider/generated-password-runtime").generatedPasswordRuntime.create(inputs);
  },
  async read(id, props) {
    return require("gcore-rotate/provider/generated-password-runtime").generatedPasswordRuntime.read(id, props);
  },
  async update(id, olds, news) {
    return require("gcore-rotate/provider/generated-password-runtime").generatedPasswordRuntime.update(id, olds, news);
  },
  async delete(id, props) {
    return require("gcore-rotate/provider/generated-password-runtime").generatedPasswordRuntime.delete(id, props);
  },
};
