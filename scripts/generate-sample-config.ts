// Rewrites the documented ccproxy.toml from the core and built-in plugin schemas.
import { join } from "node:path"
import { sampleConfigText } from "../src/cli/config/init"

await Bun.write(join(import.meta.dir, "..", "ccproxy.toml"), sampleConfigText({ HOME: "~" }))
console.log("wrote ccproxy.toml")
