import { afterAll, beforeAll, describe, expect, test } from "bun:test"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { completionScript } from "~/cli/completion"
import { allNodes, commandTree, type CommandNode } from "~/cli/completion/tree"
import { createRootCommand } from "~/cli/root"
import { runCli, stopAllCliProcesses } from "../helpers/cli"
import { makePluginDir } from "../helpers/plugin-dir"

afterAll(stopAllCliProcesses)

const work = mkdtempSync(join(tmpdir(), "ccproxy-completion-"))
const scripts: Record<string, string> = {}
let tree: CommandNode

beforeAll(async () => {
  tree = await commandTree(createRootCommand())
  for (const shell of ["bash", "zsh", "fish"]) {
    scripts[shell] = await completionScript(shell)
    writeFileSync(join(work, `ccproxy.${shell}`), scripts[shell]!)
  }
})

for (const shell of ["zsh", "fish"]) {
  if (!Bun.which(shell)) console.warn(`completion tests: ${shell} is not installed, skipping its syntax and behaviour checks (apt-get install ${shell})`)
}

/** Runs `code` in `shell` (found on PATH) and returns its stdout; fails on a non-zero exit. */
async function inShell(shell: string, code: string): Promise<string> {
  const child = Bun.spawn([shell, "-c", code], { cwd: work, stdout: "pipe", stderr: "pipe" })
  const [exit, stdout, stderr] = await Promise.all([child.exited, new Response(child.stdout).text(), new Response(child.stderr).text()])
  if (exit !== 0) throw new Error(`${shell} exited ${exit}: ${stderr}`)
  return stdout
}

describe("command tree", () => {
  test("walks every command, lazy subcommands included, with options and aliases", () => {
    const paths = allNodes(tree).map((node) => node.path.join(" "))
    for (const path of ["", "serve", "config", "config show", "config validate", "config init", "plugins list", "plugins settings", "auth login", "auth status", "health", "completion"]) {
      expect(paths).toContain(path)
    }
    const serve = tree.subcommands.find((node) => node.name === "serve")!
    expect(serve.options).toContainEqual({ names: ["--port", "-p"], description: expect.any(String), value: "any" })
    expect(serve.options).toContainEqual({ names: ["--config", "-c"], description: expect.any(String), value: "file" })
    expect(serve.options).toContainEqual({ names: ["--log-format"], description: expect.any(String), value: ["pretty", "json"] })
    const health = tree.subcommands.find((node) => node.name === "health")!
    expect(health.options.flatMap((option) => option.names)).toEqual(expect.arrayContaining(["--url", "--wait", "-w", "--help"]))
    expect(tree.options.flatMap((option) => option.names)).toEqual(expect.arrayContaining(["--version", "-v"]))
  })
})

describe("scripts list the commands and options", () => {
  for (const shell of ["bash", "zsh", "fish"]) {
    test(shell, () => {
      const script = scripts[shell]!
      for (const node of allNodes(tree)) {
        if (node.name) expect(script).toContain(node.name)
        for (const option of node.options) for (const name of option.names) expect(script).toContain(shell === "fish" ? name.replace(/^--?/, "") : name)
      }
    })
  }
})

describe("ccproxy completion (CLI)", () => {
  test("prints the script for a shell; an unknown shell is a usage mistake", async () => {
    const bash = await runCli(["completion", "bash"])
    expect(bash.code).toBe(0)
    expect(bash.stdout).toBe(scripts.bash!)
    const unknown = await runCli(["completion", "tcsh"])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain('unknown shell "tcsh"')
  })
})

describe("plugins' auth commands", () => {
  const plugin = `import { defineSystemPlugin } from "ccproxy/plugin"
export const factory = defineSystemPlugin({
  name: "greeter",
  version: "0.1.0",
  authCommands: [{ name: "greet", description: "Say hello", args: { loud: { type: "boolean", description: "Shout" }, times: { type: "string", description: "How often" } }, run: () => 0 }],
})
`

  test("an enabled plugin's command and its options are completed; a disabled plugin's are not", async () => {
    const env = { PLUGIN_DIRS: makePluginDir({ greeter: plugin }) }
    const enabled = await runCli(["completion", "bash"], { env })
    expect(enabled.code).toBe(0)
    writeFileSync(join(work, "plugin.bash"), enabled.stdout)
    const complete = async (...words: string[]) =>
      (await inShell("bash", `source ./plugin.bash; COMP_WORDS=(${words.map((word) => `'${word}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _ccproxy; echo "\${COMPREPLY[*]}"`)).trim()
    expect(await complete("ccproxy", "auth", "")).toBe("providers login status refresh logout greet")
    expect(await complete("ccproxy", "auth", "greet", "--")).toBe("--loud --times --config --help")
    const fish = await runCli(["completion", "fish"], { env })
    expect(fish.stdout).toContain("-a greet -d 'Say hello (plugin greeter)'")
    const disabled = await runCli(["completion", "bash"], { env: { ...env, DISABLED_PLUGINS: "greeter" } })
    expect(disabled.stdout).not.toContain("greet")
  })
})

describe("bash", () => {
  test("the script is valid bash (bash -n)", async () => {
    await inShell("bash", "bash -n ccproxy.bash")
  })

  test("completes commands, subcommands, options, option values and positional choices", async () => {
    const complete = async (...words: string[]) =>
      (await inShell("bash", `source ./ccproxy.bash; COMP_WORDS=(${words.map((word) => `'${word}'`).join(" ")}); COMP_CWORD=${words.length - 1}; _ccproxy; echo "\${COMPREPLY[*]}"`)).trim()
    expect(await complete("ccproxy", "")).toBe(tree.subcommands.map((node) => node.name).join(" "))
    expect(await complete("ccproxy", "co")).toBe("config completion")
    expect(await complete("ccproxy", "config", "")).toBe("show validate init")
    expect(await complete("ccproxy", "serve", "--log-")).toBe("--log-level --log-format")
    expect(await complete("ccproxy", "serve", "--log-format", "")).toBe("pretty json")
    expect(await complete("ccproxy", "serve", "--port", "")).toBe("")
    expect(await complete("ccproxy", "health", "--w")).toBe("--wait")
    expect(await complete("ccproxy", "completion", "")).toBe("bash zsh fish")
    expect(await complete("ccproxy", "auth", "status", "")).toBe("claude-api codex copilot")
    expect(await complete("ccproxy", "auth", "login", "co")).toBe("codex copilot")
    expect(await complete("ccproxy", "plugins", "settings", "oauth_c")).toBe("oauth_claude oauth_codex oauth_copilot")
    // A value that looks like a command is not taken for one.
    expect(await complete("ccproxy", "serve", "--host", "config", "--p")).toBe("--port --plugin-dir")
  })
})

describe.skipIf(!Bun.which("zsh"))("zsh", () => {
  test("the script is valid zsh (zsh -n)", async () => {
    await inShell("zsh", "zsh -n ccproxy.zsh")
  })

  test("offers the right candidates (completion system stubbed)", async () => {
    const stubs = `compdef() {}; _describe() { print -r -- "\${(P)4}" }; compadd() { shift; print -r -- "$*" }; _files() { print files $* }; _message() { print any }`
    const complete = async (...words: string[]) =>
      (await inShell("zsh", `${stubs}; source ./ccproxy.zsh; words=(${words.map((word) => `'${word}'`).join(" ")}); CURRENT=${words.length}; _ccproxy`)).trim()
    expect(await complete("ccproxy", "")).toStartWith("serve:Run the proxy server config:")
    expect(await complete("ccproxy", "config", "")).toMatch(/^show:.* validate:.* init:/)
    expect(await complete("ccproxy", "serve", "--log-level", "")).toBe("TRACE DEBUG INFO WARNING ERROR CRITICAL")
    expect(await complete("ccproxy", "serve", "-c", "")).toBe("files")
    expect(await complete("ccproxy", "completion", "")).toBe("bash zsh fish")
    expect(await complete("ccproxy", "health", "-")).toContain("--wait:Keep trying")
  })
})

describe.skipIf(!Bun.which("fish"))("fish", () => {
  test("the script is valid fish (fish -n)", async () => {
    await inShell("fish", "fish -n ccproxy.fish")
  })

  test("offers the right candidates (complete -C)", async () => {
    const complete = async (line: string) =>
      (await inShell("fish", `source ./ccproxy.fish; complete -C '${line}'`))
        .trim()
        .split("\n")
        .map((entry) => entry.split("\t")[0])
    expect(await complete("ccproxy ")).toEqual(expect.arrayContaining(["serve", "config", "plugins", "auth", "health", "completion"]))
    expect(await complete("ccproxy config ")).toEqual(expect.arrayContaining(["show", "validate", "init"]))
    expect(await complete("ccproxy serve --log-format ")).toEqual(["json", "pretty"])
    expect(await complete("ccproxy health --w")).toEqual(["--wait"])
    expect(await complete("ccproxy completion ")).toEqual(expect.arrayContaining(["bash", "zsh", "fish"]))
    expect(await complete("ccproxy auth refresh ")).toEqual(expect.arrayContaining(["claude-api", "codex", "copilot"]))
  })
})
