type Json = Record<string, any>

export interface RateLimitWindow {
  used_percent?: number
  window_minutes?: number
  reset_at?: number
  reset_after_seconds?: number
}

/** The latest usage limits the backend reported for the ChatGPT account. */
export interface RateLimitSnapshot {
  at: string
  source: "headers" | "event"
  plan_type?: string
  limit_reached?: boolean
  primary?: RateLimitWindow
  secondary?: RateLimitWindow
  credits?: Json
}

const num = (value: unknown) => {
  const parsed = typeof value === "string" && value.trim() !== "" ? Number(value) : value
  return typeof parsed === "number" && Number.isFinite(parsed) ? parsed : undefined
}

function windowFrom(read: (key: keyof RateLimitWindow) => unknown): RateLimitWindow | undefined {
  const window: RateLimitWindow = {}
  for (const key of ["used_percent", "window_minutes", "reset_at", "reset_after_seconds"] as const) {
    const value = num(read(key))
    if (value !== undefined) window[key] = value
  }
  return Object.keys(window).length > 0 ? window : undefined
}

function compact(snapshot: RateLimitSnapshot): RateLimitSnapshot | undefined {
  const entries = Object.entries(snapshot).filter(([, value]) => value !== undefined)
  return entries.length > 2 ? (Object.fromEntries(entries) as unknown as RateLimitSnapshot) : undefined
}

/** From a `codex.rate_limits` stream event: `{plan_type, rate_limits: {limit_reached, primary, secondary}, credits}`. */
export function rateLimitsFromEvent(event: Json): RateLimitSnapshot | undefined {
  const limits = (event.rate_limits ?? event) as Json
  return compact({
    at: new Date().toISOString(),
    source: "event",
    plan_type: typeof event.plan_type === "string" ? event.plan_type : undefined,
    limit_reached: typeof limits.limit_reached === "boolean" ? limits.limit_reached : undefined,
    primary: limits.primary ? windowFrom((key) => limits.primary[key]) : undefined,
    secondary: limits.secondary ? windowFrom((key) => limits.secondary[key]) : undefined,
    credits: event.credits && typeof event.credits === "object" ? event.credits : undefined,
  })
}

/** From the `x-codex-primary-used-percent`-style headers the backend puts on its answers. */
export function rateLimitsFromHeaders(headers: Headers): RateLimitSnapshot | undefined {
  const header = (window: string) => (key: keyof RateLimitWindow) => headers.get(`x-codex-${window}-${key.replaceAll("_", "-")}`)
  return compact({
    at: new Date().toISOString(),
    source: "headers",
    plan_type: headers.get("x-codex-plan-type") ?? undefined,
    primary: windowFrom(header("primary")),
    secondary: windowFrom(header("secondary")),
  })
}
