import type { FormatAdapter } from "./types"

/**
 * The six built-in adapters, registered by the core under priority 100.
 * Each direction lives in src/formats/convert/<from>-to-<to>/.
 */
export const builtinFormatAdapters: FormatAdapter[] = []

export type { FormatAdapter, FormatId, ConversionContext, ConversionWarning, SseEvent, StreamConverter } from "./types"
