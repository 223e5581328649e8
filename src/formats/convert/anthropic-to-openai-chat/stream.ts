import type { ConversionContext, StreamConverter } from "../../types"
import { nowSeconds } from "./chat-ids"
import { createAnthropicToChatState, endAnthropicToChat, stepAnthropicToChat } from "./stream-state"

/** Anthropic Messages SSE → Chat Completions chunks (ending in `data: [DONE]`). */
export function createAnthropicToChatStream(ctx: ConversionContext): StreamConverter {
  const state = createAnthropicToChatState(ctx, nowSeconds())
  return {
    push: (event) => stepAnthropicToChat(state, event, ctx),
    end: (reason) => endAnthropicToChat(state, reason),
  }
}
