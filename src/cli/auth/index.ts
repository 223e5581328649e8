import { defineCommand, type ArgsDef, type CommandDef, type SubCommandsDef } from "citty"
import type { AnyPluginFactory } from "~/core/plugins/factory"
import { configArg, configPathIn, pluginAuthCommands } from "./plugin-commands"
import { findOAuthProvider, runAuthProviders } from "./providers"

const providerArg = { provider: { type: "positional", description: "Auth provider name, e.g. claude-api or codex", required: true } } as const
const fileArg = { file: { type: "string", description: "Use this credential file instead of the provider's default" } } as const
const configPath = (args: Record<string, unknown>) => (typeof args.config === "string" ? args.config : undefined)

/** The subcommands ccproxy itself has; a plugin's auth command cannot take these names. */
const builtinCommands: SubCommandsDef = {
  providers: defineCommand({
    meta: { name: "providers", description: "List the available auth providers" },
    args: { json: { type: "boolean", description: "Print JSON" }, ...configArg },
    run: ({ args }) => runAuthProviders(Boolean(args.json), configPath(args)),
  }),
  login: defineCommand({
    meta: { name: "login", description: "Log in with the provider's OAuth flow" },
    args: {
      ...providerArg,
      ...fileArg,
      ...configArg,
      "no-browser": { type: "boolean", description: "Print the URL without opening a browser" },
      manual: { type: "boolean", alias: ["m"], description: "Paste the code by hand instead of using the local callback" },
      force: { type: "boolean", description: "Log in even when already logged in" },
    },
    run: async ({ args, rawArgs }) =>
      (await findOAuthProvider(String(args.provider), configPath(args))).login({
        file: args.file as string | undefined,
        noBrowser: rawArgs.includes("--no-browser"),
        manual: Boolean(args.manual),
        force: Boolean(args.force),
      }),
  }),
  status: defineCommand({
    meta: { name: "status", description: "Show login state; exits 1 when not logged in" },
    args: { ...providerArg, ...fileArg, ...configArg, json: { type: "boolean", description: "Print JSON" } },
    run: async ({ args }) => {
      const provider = await findOAuthProvider(String(args.provider), configPath(args))
      const status = await provider.status({ file: args.file as string | undefined, json: Boolean(args.json) })
      if (args.json) console.log(JSON.stringify({ provider: provider.name, logged_in: status.loggedIn, ...status.details }, null, 2))
      else {
        console.log(`${provider.displayName}: ${status.loggedIn ? "logged in" : "not logged in"}`)
        for (const [key, value] of Object.entries(status.details)) console.log(`  ${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
      }
      return status.loggedIn ? 0 : 1
    },
  }),
  refresh: defineCommand({
    meta: { name: "refresh", description: "Refresh the stored access token now" },
    args: { ...providerArg, ...fileArg, ...configArg },
    run: async ({ args }) => (await findOAuthProvider(String(args.provider), configPath(args))).refresh({ file: args.file as string | undefined }),
  }),
  logout: defineCommand({
    meta: { name: "logout", description: "Remove the stored credentials (asks first unless --yes)" },
    args: { ...providerArg, ...fileArg, ...configArg, yes: { type: "boolean", alias: ["y"], description: "Do not ask" } },
    run: async ({ args }) => (await findOAuthProvider(String(args.provider), configPath(args))).logout({ file: args.file as string | undefined, yes: Boolean(args.yes) }),
  }),
}

/** The built-in subcommands plus those of the enabled plugins (loaded only when a plugin's command or the list is wanted). */
async function subCommandsFor(argv: readonly string[], extraPlugins: AnyPluginFactory[] | undefined): Promise<SubCommandsDef> {
  const word = argv[0]?.startsWith("-") ? undefined : argv[0]
  if (word !== undefined && Object.hasOwn(builtinCommands, word)) return builtinCommands
  try {
    const { commands, problems } = await pluginAuthCommands({ configPath: configPathIn(argv.slice(1)), builtinNames: Object.keys(builtinCommands), extraPlugins })
    for (const problem of problems) console.error(`warning: ${problem}`)
    return { ...builtinCommands, ...commands }
  } catch (error) {
    // Running a plugin's command needs its plugin; listing the commands can do without.
    if (word !== undefined) throw error
    console.error(`warning: plugins' auth commands not listed: ${(error as Error).message}`)
    return builtinCommands
  }
}

/**
 * `ccproxy auth`, for the arguments after `auth`: which plugins add commands depends on the
 * configuration, and `--config` comes after the command's name.
 */
export function createAuthCommand(argv: readonly string[] = [], options: { extraPlugins?: AnyPluginFactory[] } = {}): CommandDef<ArgsDef> {
  let subCommands: Promise<SubCommandsDef> | undefined
  return defineCommand({
    meta: { name: "auth", description: "Log in to providers and manage their credentials; enabled plugins may add commands" },
    subCommands: () => (subCommands ??= subCommandsFor(argv, options.extraPlugins)),
  })
}
