/** Chat completion id derived from the Anthropic message id (and back, for round trips). */
export function chatIdFromMessageId(messageId: string | undefined): string {
  return `chatcmpl-${messageId && messageId.length > 0 ? messageId : "ccproxy"}`
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}
