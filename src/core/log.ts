// consola/core: our own reporters do the formatting, so the fancy reporter (node:util, node:tty,
// Intl.Segmenter) never loads; that is start-up time and memory of every command.
import { createConsola, type ConsolaInstance, type LogObject } from "consola/core"
import { redact, redactText } from "./redact"

export type LogLevel = "TRACE" | "DEBUG" | "INFO" | "WARNING" | "ERROR" | "CRITICAL"
export type LogFormat = "pretty" | "json"

const CONSOLA_LEVELS: Record<LogLevel, number> = { TRACE: 5, DEBUG: 4, INFO: 3, WARNING: 1, ERROR: 0, CRITICAL: 0 }
const LEVEL_NAMES: Record<number, string> = { 0: "error", 1: "warn", 2: "info", 3: "info", 4: "debug", 5: "trace" }

/** One JSON object per line on stderr: time, level, tag, msg, and any structured extras. */
function jsonReporter(write: (line: string) => void) {
  return {
    log(entry: LogObject) {
      const extras: Record<string, unknown> = {}
      const words: string[] = []
      for (const arg of entry.args) {
        if (arg instanceof Error) extras.error = redactText(arg.message)
        else if (arg && typeof arg === "object") Object.assign(extras, redact(arg))
        else words.push(redactText(String(arg)))
      }
      const line = { time: entry.date.toISOString(), level: LEVEL_NAMES[entry.level] ?? entry.type, tag: entry.tag || undefined, msg: words.join(" "), ...extras }
      write(JSON.stringify(line))
    },
  }
}

/** Human output on stderr: the message, then `key=value` extras, all redacted. */
function prettyReporter(write: (line: string) => void) {
  return {
    log(entry: LogObject) {
      const words: string[] = []
      for (const arg of entry.args) {
        // Labelled like the JSON reporter's `error` key: a bare message ran on from the sentence
        // ("plugin x failed to initialize boom in setup").
        if (arg instanceof Error) words.push(`error=${redactText(arg.message)}`)
        else if (arg && typeof arg === "object") {
          for (const [key, value] of Object.entries(redact(arg) as Record<string, unknown>)) {
            if (value !== undefined) words.push(`${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
          }
        } else words.push(redactText(String(arg)))
      }
      const time = entry.date.toISOString().slice(11, 23)
      const level = (LEVEL_NAMES[entry.level] ?? entry.type).toUpperCase().padEnd(5)
      write(`${time} ${level} ${entry.tag ? `[${entry.tag}] ` : ""}${words.join(" ")}`)
    },
  }
}

const writeStderr = (line: string) => process.stderr.write(line + "\n")

/** Current level and output, read on every entry so loggers created before configuration follow it. */
const output = { level: CONSOLA_LEVELS.INFO, reporter: prettyReporter(writeStderr) }

/**
 * The process-wide logger. Consola copies options into tagged children when they are created,
 * so filtering and formatting happen in one delegating reporter instead.
 */
export const rootLogger: ConsolaInstance = createConsola({
  level: 5,
  reporters: [{ log: (entry) => (entry.level <= output.level ? output.reporter.log(entry) : undefined) }],
})

export function configureLogging(options: { level: LogLevel; format: LogFormat; write?: (line: string) => void }) {
  const write = options.write ?? writeStderr
  output.level = CONSOLA_LEVELS[options.level]
  output.reporter = options.format === "json" ? jsonReporter(write) : prettyReporter(write)
}

/** A logger for one module or plugin, e.g. `logger("plugin:access_log")`. */
export function logger(tag: string): ConsolaInstance {
  return rootLogger.withTag(tag)
}

export type Logger = ConsolaInstance
