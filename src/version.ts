import packageJson from "../package.json"

declare const CCPROXY_VERSION: string | undefined

/** Stamped by scripts/build.ts into compiled binaries; package.json otherwise. */
export const VERSION: string = typeof CCPROXY_VERSION === "string" ? CCPROXY_VERSION : packageJson.version
