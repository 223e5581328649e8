/**
 * The plugin authoring API. External plugins import it as `ccproxy/plugin`; the running
 * ccproxy serves this module under that name (also from the compiled binary), so a plugin
 * needs no node_modules of its own.
 *
 * @example
 * import { defineSystemPlugin, Type } from "ccproxy/plugin"
 * export const factory = defineSystemPlugin({
 *   name: "hello", version: "1.0.0",
 *   config: Type.Object({ greeting: Type.String({ default: "hi" }) }),
 *   routes: [{ prefix: "/hello", build: (app, ctx) => app.get("/", () => ({ say: ctx.config.greeting })) }],
 * })
 */
export { Type } from "@sinclair/typebox"
export type { Static, TObject, TSchema } from "@sinclair/typebox"
export { Elysia } from "elysia"
export { defineAuthProviderPlugin, defineProviderPlugin, defineSystemPlugin } from "~/core/plugins/factory"
export type { PluginDefinition, PluginFactory, PluginInstance } from "~/core/plugins/factory"
export type { CoreServices, PluginContext } from "~/core/plugins/context"
export type { AuthCommandArgs, AuthCommandArgsDef, AuthCommandSpec, FormatAdapterSpec, HookSpec, MiddlewareSpec, PluginKind, PluginManifest, RouteSpec, TaskSpec } from "~/core/plugins/manifest"
export type { PluginHealth, PluginRuntime } from "~/core/plugins/runtime"
export { HookEvent, HookPriority } from "~/core/plugins/hook-events"
export type { HookContext, HookEventName } from "~/core/plugins/hook-events"
export { MiddlewareLayer } from "~/core/plugins/middleware"
export type { MiddlewareHandler, Next, RequestContext } from "~/core/plugins/middleware"
export type { AuthCommandOptions, CredentialStatus, OAuthProvider } from "~/core/plugins/oauth"
export { AuthError, InvalidRequestError, NotFoundError, PluginError, ProxyError, UnavailableError, UpstreamError, UsageError } from "~/core/errors"
export { maskSecret, redact } from "~/core/redact"
export { pathPrefixMatcher } from "~/core/path-prefixes"
