import { Type, type Static } from "@sinclair/typebox"

export const ModelRuleSchema = Type.Object({
  match: Type.String({ description: "Model name, prefix, suffix or regular expression to match" }),
  target: Type.String({ description: "Model sent upstream instead" }),
  kind: Type.Union([Type.Literal("exact"), Type.Literal("prefix"), Type.Literal("suffix"), Type.Literal("regex")], { default: "exact" }),
})

export type ModelRule = Static<typeof ModelRuleSchema>

/** A compiled rule list: first match wins; no match keeps the client's model. */
export function createModelMapper(rules: readonly ModelRule[]): (model: string) => string {
  const compiled = rules.map((rule) => {
    const kind = rule.kind ?? "exact"
    if (kind === "regex") {
      const regex = new RegExp(rule.match)
      return (model: string) => regex.test(model)
    }
    if (kind === "prefix") return (model: string) => model.startsWith(rule.match)
    if (kind === "suffix") return (model: string) => model.endsWith(rule.match)
    return (model: string) => model === rule.match
  })
  return (model) => {
    const index = compiled.findIndex((matches) => matches(model))
    return index === -1 ? model : rules[index]!.target
  }
}
