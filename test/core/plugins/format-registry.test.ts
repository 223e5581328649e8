import { expect, test } from "bun:test"
import { FormatRegistry } from "~/core/plugins/format-registry"
import { configureLogging, logger } from "~/core/log"
import type { FormatAdapter } from "~/formats/types"

const adapter = (tag: string): FormatAdapter => ({
  from: "openai.chat_completions",
  to: "anthropic.messages",
  convertRequest: () => tag,
  convertResponse: () => tag,
  convertStream: () => ({ push: () => [], end: () => [] }),
  convertError: (error) => error,
})

test("lower priority number wins, and displacement is logged", () => {
  const lines: string[] = []
  configureLogging({ level: "INFO", format: "json", write: (line) => lines.push(line) })
  const registry = new FormatRegistry(logger("formats"))
  registry.register({ adapter: adapter("core"), priority: 100, owner: "core" })
  registry.register({ adapter: adapter("plugin"), priority: 40, owner: "my_plugin" })
  registry.register({ adapter: adapter("late"), priority: 60, owner: "other" })
  configureLogging({ level: "CRITICAL", format: "json", write: () => {} })
  expect(registry.get("openai.chat_completions", "anthropic.messages")?.convertRequest({}, { warnings: [] })).toBe("plugin")
  expect(lines.map((line) => JSON.parse(line).msg)).toEqual([
    "format adapter openai.chat_completions->anthropic.messages from my_plugin (priority 40) displaces core (priority 100)",
    "format adapter openai.chat_completions->anthropic.messages from other (priority 60) ignored: my_plugin (priority 40) keeps it",
  ])
})
