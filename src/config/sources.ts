/** Where a setting's value came from. */
export interface ValueSource {
  kind: "default" | "file" | "env" | "flag"
  /** The file and key, the variable name, or the flag. */
  detail?: string
}

export function describeSource(source: ValueSource | undefined): string {
  if (!source || source.kind === "default") return "default"
  return source.detail ? `${source.kind} ${source.detail}` : source.kind
}
