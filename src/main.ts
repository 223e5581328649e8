#!/usr/bin/env bun
import { runCli } from "./cli/run"
import { logger } from "./core/log"

const log = logger("ccproxy")
process.on("unhandledRejection", (reason) => log.error("unhandled rejection", reason))
process.on("uncaughtException", (error) => log.error("uncaught exception", error))

process.exitCode = await runCli(process.argv.slice(2))
