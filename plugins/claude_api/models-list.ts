/** A model list both SDKs accept: OpenAI reads `object`/`data[].id`, Anthropic reads `data[].type`/`id`/`has_more`. */
export function modelsList(ids: readonly string[], ownedBy = "anthropic") {
  const created = 1_740_000_000
  const data = ids.map((id) => ({
    id,
    object: "model",
    type: "model",
    created,
    created_at: new Date(created * 1000).toISOString(),
    owned_by: ownedBy,
    display_name: id,
  }))
  return { object: "list", data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null }
}
