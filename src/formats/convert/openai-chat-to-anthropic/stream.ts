import type { ConversionContext, StreamConverter } from "../../types"
import { createChatToAnthropicState } from "./stream-state"
import { endChatToAnthropic, stepChatToAnthropic } from "./stream-step"

/** Chat Completions chunks → Anthropic Messages SSE, in the event order the Anthropic SDK requires. */
export function createChatToAnthropicStream(ctx: ConversionContext): StreamConverter {
  const state = createChatToAnthropicState(ctx)
  return {
    push: (event) => stepChatToAnthropic(state, event, ctx),
    end: (reason) => endChatToAnthropic(state, ctx, reason),
  }
}
