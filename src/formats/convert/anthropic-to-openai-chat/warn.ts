import type { ConversionContext, ConversionWarning } from "../../types"

/** Records a lossy mapping; converters never drop anything silently. */
export function warn(ctx: ConversionContext, code: ConversionWarning["code"], path: string, message: string): void {
  ctx.warnings.push({ code, path, message })
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
}
