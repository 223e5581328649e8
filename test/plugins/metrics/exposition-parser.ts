/**
 * A strict parser of the Prometheus text format 0.0.4, for tests that must hold without
 * promtool. It throws on anything a Prometheus server would reject, and on the mistakes
 * promtool's linter reports: a family without HELP, samples of a family not kept together,
 * duplicate series, counters without `_total`, histograms whose buckets are not cumulative
 * or lack +Inf, `_count`, `_sum`.
 */
export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

export interface Family {
  name: string
  help?: string
  type: string
  samples: Sample[]
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/
const FLOAT = /^[+-]?(?:Inf|NaN|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/
const TYPES = new Set(["counter", "gauge", "histogram", "summary", "untyped"])

function parseValue(text: string, line: number): number {
  if (!FLOAT.test(text)) throw new Error(`line ${line}: bad value ${JSON.stringify(text)}`)
  if (/Inf$/.test(text)) return text.startsWith("-") ? -Infinity : Infinity
  return text.endsWith("NaN") ? NaN : Number(text)
}

function parseLabels(text: string, line: number): { labels: Record<string, string>; rest: string } {
  const labels: Record<string, string> = {}
  let at = 1
  while (text[at] !== "}") {
    const name = LABEL_NAME.exec(text.slice(at))?.[0]
    if (!name || text[at + name.length] !== "=" || text[at + name.length + 1] !== '"') throw new Error(`line ${line}: bad label at ${JSON.stringify(text.slice(at))}`)
    if (name in labels) throw new Error(`line ${line}: label ${name} twice`)
    at += name.length + 2
    let value = ""
    for (;;) {
      const char = text[at++]
      if (char === undefined || char === "\n") throw new Error(`line ${line}: unterminated label value`)
      if (char === '"') break
      if (char !== "\\") {
        value += char
        continue
      }
      const escaped = text[at++]
      if (escaped === "n") value += "\n"
      else if (escaped === "\\" || escaped === '"') value += escaped
      else throw new Error(`line ${line}: bad escape \\${escaped}`)
    }
    labels[name] = value
    if (text[at] === ",") at++
    else if (text[at] !== "}") throw new Error(`line ${line}: expected , or } after label ${name}`)
  }
  return { labels, rest: text.slice(at + 1) }
}

function familyName(sample: string, families: Map<string, Family>): string {
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    const base = sample.slice(0, -suffix.length)
    if (sample.endsWith(suffix) && families.get(base)?.type === "histogram") return base
  }
  return sample
}

function checkHistogram(family: Family): void {
  const bySeries = new Map<string, Sample[]>()
  for (const sample of family.samples) {
    const { le: _le, ...rest } = sample.labels
    const key = JSON.stringify(rest)
    bySeries.set(key, [...(bySeries.get(key) ?? []), sample])
  }
  for (const [key, samples] of bySeries) {
    const buckets = samples.filter((s) => s.name.endsWith("_bucket"))
    const count = samples.find((s) => s.name.endsWith("_count"))
    if (!count || !samples.some((s) => s.name.endsWith("_sum"))) throw new Error(`${family.name}${key}: missing _sum or _count`)
    const bounds = buckets.map((b) => parseValue(b.labels.le ?? "x", 0))
    if (bounds.at(-1) !== Infinity) throw new Error(`${family.name}${key}: no +Inf bucket`)
    buckets.forEach((bucket, index) => {
      if (index > 0 && (bounds[index]! <= bounds[index - 1]! || bucket.value < buckets[index - 1]!.value)) throw new Error(`${family.name}${key}: buckets not increasing`)
    })
    if (buckets.at(-1)!.value !== count.value) throw new Error(`${family.name}${key}: +Inf bucket differs from _count`)
  }
}

export function parseExposition(text: string): Map<string, Family> {
  if (!text.endsWith("\n")) throw new Error("exposition does not end with a newline")
  const families = new Map<string, Family>()
  const seen = new Set<string>()
  let current: Family | undefined
  text.slice(0, -1).split("\n").forEach((raw, index) => {
    const line = index + 1
    if (raw.trim() === "") return
    const meta = /^# (HELP|TYPE) ([^ ]+) ?(.*)$/.exec(raw)
    if (meta) {
      const [, kind, name, rest] = meta as unknown as [string, string, string, string]
      if (!NAME.test(name) || NAME.exec(name)![0] !== name) throw new Error(`line ${line}: bad metric name ${name}`)
      const family = families.get(name) ?? { name, type: "untyped", samples: [] }
      if (family.samples.length) throw new Error(`line ${line}: ${kind} for ${name} after its samples`)
      if (kind === "TYPE") {
        if (!TYPES.has(rest)) throw new Error(`line ${line}: bad type ${rest}`)
        family.type = rest
      } else family.help = rest
      families.set(name, family)
      current = family
      return
    }
    if (raw.startsWith("#")) return
    const name = NAME.exec(raw)?.[0]
    if (!name) throw new Error(`line ${line}: bad sample ${JSON.stringify(raw)}`)
    const { labels, rest } = raw[name.length] === "{" ? parseLabels(raw.slice(name.length), line) : { labels: {}, rest: raw.slice(name.length) }
    const parts = rest.split(" ")
    if (parts[0] !== "" || parts.length < 2 || parts.length > 3) throw new Error(`line ${line}: bad sample ${JSON.stringify(raw)}`)
    const value = parseValue(parts[1]!, line)
    if (parts[2] !== undefined && !/^-?\d+$/.test(parts[2])) throw new Error(`line ${line}: bad timestamp`)
    const family = families.get(familyName(name, families)) ?? { name, type: "untyped", samples: [] }
    if (family !== current && family.samples.length) throw new Error(`line ${line}: samples of ${family.name} are not together`)
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`
    if (seen.has(key)) throw new Error(`line ${line}: duplicate series ${key}`)
    seen.add(key)
    if (family.type === "counter" && !(value >= 0)) throw new Error(`line ${line}: negative counter`)
    family.samples.push({ name, labels, value })
    families.set(family.name, family)
    current = family
  })
  for (const family of families.values()) {
    if (!family.help) throw new Error(`${family.name}: no HELP`)
    if (family.type === "counter" && !family.name.endsWith("_total")) throw new Error(`${family.name}: counter name should end in _total`)
    if (family.type === "histogram") checkHistogram(family)
  }
  return families
}

/** The value of the one sample named `name` whose labels include `labels`; undefined when none. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const family of families.values()) {
    const sample = family.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    if (sample) return sample.value
  }
  return undefined
}
