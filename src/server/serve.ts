import type { LoadedConfig } from "~/config/load"
import { ConfigError } from "~/core/errors"
import { logger } from "~/core/log"
import { HookEvent } from "~/core/plugins/hook-events"
import { loadPluginSystem, type PluginSystem } from "~/core/plugins/system"
import { createApp, type CcproxyApp } from "./app"
import { isLoopbackHost } from "./middleware/origin-guard"

const log = logger("server")

export interface RunningServer {
  url: string
  port: number
  hostname: string
  system: PluginSystem
  app: CcproxyApp
  /** Stops accepting, lets in-flight requests finish up to the shutdown timeout, shuts plugins down. */
  stop(): Promise<void>
}


/** Loads plugins, listens, initializes plugins (readiness is 503 until done), returns the server. */
export async function startServer(loaded: LoadedConfig, version: string): Promise<RunningServer> {
  for (const warning of loaded.warnings) log.warn(warning)
  const system = await loadPluginSystem(loaded, version)
  if (system.problems.length) throw new ConfigError("invalid plugin configuration:", system.problems)
  for (const warning of system.warnings) log.warn(warning)
  const app = createApp(system)
  const { server: serverSettings, security } = loaded.settings

  if (!isLoopbackHost(serverSettings.host) && !security.auth_token) {
    log.warn(`binding ${serverSettings.host} WITHOUT an auth token: anyone who can reach this address can use your subscriptions. Set security.auth_token (or --auth-token).`)
  }
  let server: ReturnType<typeof Bun.serve>
  try {
    server = Bun.serve({
      hostname: serverSettings.host,
      port: serverSettings.port,
      // Bun's own cut is a bare 413 with an empty body, so it is lifted: server.max_body_bytes is
      // enforced by the body_limit middleware and readers that stop at the limit. Bun calls fetch
      // once the headers are in and streams the body to whoever reads it, and after an early answer
      // it reads and discards the rest, keeping the connection (a close would reset the client).
      maxRequestBodySize: Infinity,
      // Model calls can think for minutes before the first byte; upstream timeouts bound them instead.
      idleTimeout: 0,
      development: false,
      fetch: (request, bunServer) => app.handle(request, bunServer.requestIP(request)?.address),
    })
  } catch (error) {
    throw new Error(listenFailure(error, serverSettings.host, serverSettings.port))
  }
  const hostname = serverSettings.host.includes(":") ? `[${serverSettings.host}]` : serverSettings.host
  const url = `http://${hostname}:${server.port}`
  log.info(`ccproxy ${version} listening on ${url}`)

  await system.registry.initializeAll()
  system.core.hooks.emit(HookEvent.APP_STARTUP, { phase: "startup", url })
  log.info(`ready: ${system.registry.all().filter((entry) => entry.state === "active").length} plugins active`)

  let stopping: Promise<void> | undefined
  const stop = () =>
    (stopping ??= (async () => {
      const timeoutMs = serverSettings.shutdown_timeout * 1000
      log.info(`shutting down; waiting up to ${serverSettings.shutdown_timeout}s for in-flight requests`)
      let timer: ReturnType<typeof setTimeout> | undefined
      const graceful = server.stop(false).then(() => "drained" as const)
      const deadline = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)))
      if ((await Promise.race([graceful, deadline])) === "timeout") {
        // Streams still open end with an error event their clients understand, then get a moment
        // to flush it before the connections are closed.
        const streams = system.core.shutdownDeadline?.fire(`ccproxy is shutting down (server.shutdown_timeout of ${serverSettings.shutdown_timeout}s reached)`) ?? 0
        log.warn(`shutdown timeout reached; ${streams ? `ending ${streams} open stream(s) and ` : ""}closing remaining connections`)
        if (streams) await Promise.race([graceful, Bun.sleep(1000)])
        await server.stop(true)
      }
      clearTimeout(timer)
      await system.core.hooks.emitAndWait(HookEvent.APP_SHUTDOWN, { phase: "shutdown" })
      await system.registry.shutdownAll()
      log.info("stopped")
    })())

  return { url, port: server.port!, hostname: serverSettings.host, system, app, stop }
}

/**
 * Bun's listen errors in words a user can act on: they name neither the address nor the setting
 * ("EINVAL: invalid argument, listen" for a host name that does not resolve).
 */
export function listenFailure(error: unknown, host: string, port: number): string {
  const code = (error as NodeJS.ErrnoException)?.code
  const where = `${host.includes(":") ? `[${host}]` : host}:${port}`
  switch (code) {
    case "EADDRINUSE":
      return `cannot listen on ${where}: port ${port} is already in use (another ccproxy?); choose another with --port or server.port (0 picks a free one)`
    case "EADDRNOTAVAIL":
      return `cannot listen on ${where}: ${host} is not an address of this machine; use 127.0.0.1, 0.0.0.0 (every interface) or one of its own addresses (--host, server.host)`
    case "EACCES":
    case "EPERM":
      return `cannot listen on ${where}: permission denied (ports below 1024 need privileges); choose another with --port or server.port`
    case "EINVAL":
    case "ENOENT":
    case "ENOTFOUND":
    case "EAI_NONAME":
      return `cannot listen on ${where}: ${host} is not a valid address or a name this machine resolves (--host, server.host)`
    default:
      return `cannot listen on ${where}: ${(error as Error)?.message ?? String(error)}`
  }
}
