/**
 * The hook events of the seed's lifecycle, by their wire names.
 * @example hooks: [{ name: "log", events: [HookEvent.REQUEST_COMPLETED], handler: (event) => {...} }]
 */
export const HookEvent = {
  APP_STARTUP: "app.startup",
  APP_SHUTDOWN: "app.shutdown",
  REQUEST_STARTED: "request.started",
  REQUEST_COMPLETED: "request.completed",
  REQUEST_FAILED: "request.failed",
  PROVIDER_REQUEST_PREPARED: "provider.request.prepared",
  PROVIDER_REQUEST_SENT: "provider.request.sent",
  PROVIDER_RESPONSE_RECEIVED: "provider.response.received",
  PROVIDER_ERROR: "provider.error",
  PROVIDER_STREAM_START: "provider.stream.start",
  PROVIDER_STREAM_CHUNK: "provider.stream.chunk",
  PROVIDER_STREAM_END: "provider.stream.end",
  OAUTH_REFRESH_RESPONSE: "oauth.refresh.response",
} as const

export type HookEventName = (typeof HookEvent)[keyof typeof HookEvent]

export const HOOK_EVENT_NAMES: readonly HookEventName[] = Object.values(HookEvent)

/**
 * Priority bands: lower runs first.
 * Observers (metrics 700, tracing 720, access logging 750) sit late so that mutating hooks
 * on `provider.request.prepared` have run before them.
 */
export const HookPriority = {
  CRITICAL: 0,
  VALIDATION: 100,
  AUTH: 200,
  ENRICHMENT: 300,
  PROCESSING: 500,
  OBSERVATION: 700,
  CLEANUP: 900,
  FINALIZATION: 1000,
} as const

/** What a hook receives. `data` keys per event are documented in docs/PLUGIN_AUTHORING.md. */
export interface HookContext {
  event: HookEventName
  timestamp: number
  requestId?: string
  /** The provider plugin handling the request, when there is one. */
  provider?: string
  data: Record<string, unknown>
  error?: unknown
}
