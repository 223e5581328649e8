// The Vercel AI SDK as a client, run by scripts/e2e/clients.ts from the clients cache:
//   bun ai-sdk-client.mjs CACHE_DIR anthropic|openai-responses|openai-chat BASE_URL MODEL PROMPT [TOOL_COMMAND]
// Prints every streamText part as one JSON line (errors are parts, not throws, in this SDK).
// With TOOL_COMMAND, offers a `Bash` tool that returns it as output, for a two-step round trip.
import { createRequire } from "node:module"

const [cacheDir, kind, baseURL, model, prompt, toolCommand] = process.argv.slice(2)
const require = createRequire(`${cacheDir}/package.json`)
const load = (name) => import(require.resolve(name))
const { streamText, tool, jsonSchema, stepCountIs } = await load("ai")

const apiKey = process.env.CCPROXY_E2E_API_KEY
let languageModel
if (kind === "anthropic") {
  const { createAnthropic } = await load("@ai-sdk/anthropic")
  languageModel = createAnthropic({ baseURL, apiKey })(model)
} else {
  const { createOpenAI } = await load("@ai-sdk/openai")
  const openai = createOpenAI({ baseURL, apiKey })
  languageModel = kind === "openai-chat" ? openai.chat(model) : openai.responses(model)
}

const tools = toolCommand
  ? { Bash: tool({ description: "Run a shell command", inputSchema: jsonSchema({ type: "object", properties: { command: { type: "string" } }, required: ["command"] }), execute: async () => toolCommand }) }
  : undefined
const result = streamText({ model: languageModel, prompt, tools, stopWhen: stepCountIs(3), onError: () => {} })
for await (const part of result.fullStream) {
  const { type } = part
  const error = part.error ? String(part.error?.message ?? part.error) : undefined
  console.log(JSON.stringify({ type, text: part.text, toolName: part.toolName, output: part.output, error }))
}
