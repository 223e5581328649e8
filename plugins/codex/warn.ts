import type { ConversionContext, ConversionWarning } from "~/formats/types"

/**
 * Records a warning unless the same code and path is already there: prepare runs again with
 * fresh credentials after a 401, and the header should not list a loss twice.
 */
export function warnOnce(ctx: ConversionContext, code: ConversionWarning["code"], path: string, message: string): void {
  if (ctx.warnings.some((warning) => warning.code === code && warning.path === path)) return
  ctx.warnings.push({ code, path, message })
}
