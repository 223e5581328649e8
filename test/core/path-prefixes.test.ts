import { expect, test } from "bun:test"
import { pathPrefixMatcher } from "~/core/path-prefixes"

test("matches a prefix itself and what lies under it, on whole segments", () => {
  const excluded = pathPrefixMatcher(["/health", "/logs/"])
  expect(excluded("/health")).toBe(true)
  expect(excluded("/health/ready")).toBe(true)
  expect(excluded("/healthz")).toBe(false)
  expect(excluded("/logs/query")).toBe(true)
  expect(excluded("/logs/")).toBe(true)
  expect(excluded("/claude/v1/messages")).toBe(false)
  expect(excluded(undefined)).toBe(false)
  expect(pathPrefixMatcher([])("/health")).toBe(false)
})
