// Rewrites the documented ccproxy.toml and docs/CONFIGURATION.md from the core and built-in plugin schemas.
import { join } from "node:path"
import { configReferenceText, sampleConfigText } from "../src/cli/config/init"

const root = join(import.meta.dir, "..")
await Bun.write(join(root, "ccproxy.toml"), sampleConfigText({ HOME: "~" }))
await Bun.write(join(root, "docs", "CONFIGURATION.md"), configReferenceText())
console.log("wrote ccproxy.toml and docs/CONFIGURATION.md")
