import type { ConversionContext } from "../../types"

/** function_call `arguments` → tool_use `input`, which must be an object; unparseable arguments are kept under `_raw_arguments`. */
export function parseFunctionArguments(text: string, path: string, ctx: ConversionContext): Record<string, unknown> {
  try {
    const value: unknown = text.trim() ? JSON.parse(text) : {}
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // handled below
  }
  ctx.warnings.push({ code: "value_changed", path: `${path}.arguments`, message: "function_call arguments are not a JSON object; kept as _raw_arguments" })
  return { _raw_arguments: text }
}
