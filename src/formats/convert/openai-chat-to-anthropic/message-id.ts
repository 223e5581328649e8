/**
 * Anthropic message id for a chat completion id. Ids this proxy derived from an Anthropic
 * message (`chatcmpl-msg_...`) map back to the original.
 */
export function messageIdFromChatId(chatId: unknown): string {
  if (typeof chatId !== "string" || chatId.length === 0) return "msg_ccproxy"
  if (chatId.startsWith("chatcmpl-msg_")) return chatId.slice("chatcmpl-".length)
  return chatId.startsWith("msg_") ? chatId : `msg_${chatId}`
}
