import type { RequestContext } from "~/core/plugins/middleware"

const contexts = new WeakMap<Request, RequestContext>()

export function attachRequestContext(context: RequestContext): void {
  contexts.set(context.request, context)
}

/** The request id, start time and route format of a request, for routes and plugins. */
export function requestContextOf(request: Request): RequestContext | undefined {
  return contexts.get(request)
}
