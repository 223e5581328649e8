/**
 * A test for "this path is one of `prefixes` or under one", on whole path segments:
 * `/health` covers `/health` and `/health/ready`, not `/healthz`. Built once from a config
 * list; observers run it on every request.
 */
export function pathPrefixMatcher(prefixes: readonly string[]): (path: unknown) => boolean {
  const exact = new Set(prefixes)
  const starts = prefixes.map((prefix) => (prefix.endsWith("/") ? prefix : `${prefix}/`))
  return (path) => {
    if (typeof path !== "string") return false
    if (exact.has(path)) return true
    for (const start of starts) if (path.startsWith(start)) return true
    return false
  }
}
