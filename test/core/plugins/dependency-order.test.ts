import { expect, test } from "bun:test"
import { planDependencies } from "~/core/plugins/dependency-order"

const node = (name: string, dependencies: string[] = [], optional: string[] = []) => ({ name, dependencies, optional })

test("dependencies come first", () => {
  const plan = planDependencies([node("claude_api", ["oauth_claude"]), node("oauth_claude"), node("metrics", [], ["claude_api"])])
  expect(plan.order).toEqual(["oauth_claude", "claude_api", "metrics"])
  expect(plan.excluded.size).toBe(0)
})

test("a missing required dependency excludes the plugin and its dependents", () => {
  const plan = planDependencies([node("a", ["missing"]), node("b", ["a"]), node("c")])
  expect(plan.order).toEqual(["c"])
  expect(plan.excluded.get("a")).toBe("missing required dependency missing")
  expect(plan.excluded.get("b")).toBe("dependency a is not available")
})

test("a cycle is reported by naming it; others still start", () => {
  const plan = planDependencies([node("x", ["y"]), node("y", ["z"]), node("z", ["x"]), node("w"), node("v", ["x"])])
  expect(plan.order).toEqual(["w"])
  expect(plan.excluded.get("x")).toBe("dependency cycle x -> y -> z -> x")
  expect(plan.excluded.get("z")).toBe("dependency cycle x -> y -> z -> x")
  expect(plan.excluded.get("v")).toContain("not available")
})

test("optional dependencies order plugins only when present", () => {
  expect(planDependencies([node("a", [], ["b", "absent"]), node("b")]).order).toEqual(["b", "a"])
})
