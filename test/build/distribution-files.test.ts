/**
 * Files that only run elsewhere (GitHub Actions, Docker): parsed and checked for the parts that
 * matter, since they cannot run here. YAML goes through Bun's own parser (Bun.YAML).
 */
import { describe, expect, test } from "bun:test"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { REPO_ROOT } from "../helpers/cli"

interface Step {
  name?: string
  uses?: string
  run?: string
  env?: Record<string, string>
}
interface Workflow {
  on: Record<string, any>
  permissions?: Record<string, string>
  jobs: Record<string, { "runs-on": string; steps: Step[] }>
}

const read = (path: string) => readFileSync(join(REPO_ROOT, path), "utf8")
const parseYaml = (path: string) => Bun.YAML.parse(read(path)) as any
const steps = (workflow: Workflow) => Object.values(workflow.jobs).flatMap((job) => job.steps)
const runs = (workflow: Workflow) =>
  steps(workflow)
    .map((step) => step.run)
    .filter((run): run is string => typeof run === "string")

async function bashParses(script: string): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "ccproxy-step-")), "step.sh")
  writeFileSync(file, script)
  const child = Bun.spawn(["bash", "-n", file], { stderr: "pipe" })
  return (await child.exited) === 0 ? "" : await new Response(child.stderr).text()
}

describe("GitHub Actions workflows", () => {
  const ci = parseYaml(".github/workflows/ci.yml") as Workflow
  const release = parseYaml(".github/workflows/release.yml") as Workflow

  test("ci.yml runs .ci/run on pushes and pull requests", () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(["push", "pull_request"]))
    expect(runs(ci)).toContain("bash .ci/run")
    expect(steps(ci).some((step) => step.uses?.startsWith("actions/checkout@"))).toBe(true)
  })

  test("release.yml: on v* tags, tests, builds every target, publishes archives, checksums and the formula", () => {
    expect(release.on.push.tags).toEqual(["v*"])
    expect(release.permissions?.contents).toBe("write")
    const script = runs(release).join("\n")
    for (const expected of ["bash .ci/run", "npm run release", "scripts/homebrew-formula.ts", "gh release create", "dist/*.tar.gz", "dist/*.zip", "dist/SHA256SUMS", "dist/ccproxy.rb", "dist/install.sh", "Formula/ccproxy.rb"]) {
      expect(script).toContain(expected)
    }
    const tapStep = steps(release).find((step) => step.name === "Update the Homebrew tap")!
    expect(tapStep.env?.TAP_TOKEN).toBe("${{ secrets.HOMEBREW_TAP_TOKEN }}")
  })

  test("every run step is valid bash (GitHub's default shell), the docs' example too", async () => {
    const example = parseYaml("docs/examples/github-actions.yml") as Workflow
    for (const script of [...runs(ci), ...runs(release), ...runs(example)]) expect(await bashParses(script)).toBe("")
  })

  test("the docs' example starts ccproxy in the background and waits with ccproxy health", () => {
    const script = runs(parseYaml("docs/examples/github-actions.yml") as Workflow).join("\n")
    expect(script).toContain("ccproxy serve --port 8000")
    expect(script).toMatch(/&\n\s*ccproxy health --port 8000 --wait 30/)
    expect(script).toContain("install.sh")
  })

  test("install.sh's default URL line is the one release.yml rewrites", () => {
    expect(read("scripts/install.sh")).toMatch(/^DEFAULT_RELEASES_URL=".*"$/m)
  })
})

describe("service examples", () => {
  test("systemd unit and launchd plist start ccproxy serve", () => {
    const unit = read("docs/examples/ccproxy.service")
    expect(unit).toMatch(/^ExecStart=%h\/\.local\/bin\/ccproxy serve$/m)
    expect(unit).toMatch(/^ExecStartPost=.*ccproxy health --wait 30$/m)
    expect(unit).toMatch(/^\[Install\]\nWantedBy=default\.target$/m)
    const plist = read("docs/examples/dev.ccproxy.plist")
    expect(plist).toMatch(/<key>ProgramArguments<\/key>\s*<array>\s*<string>[^<]*ccproxy<\/string>\s*<string>serve<\/string>/)
    // Well-formed enough for plutil: every opened dict, array and plist is closed.
    for (const tag of ["dict", "array", "plist"]) expect(plist.match(new RegExp(`<${tag}[ >]`, "g"))?.length).toBe(plist.match(new RegExp(`</${tag}>`, "g"))?.length)
  })
})

describe("container", () => {
  const dockerfile = read("Dockerfile")

  test("Dockerfile: multi-stage, runs the compiled binary as a non-root user, with a HEALTHCHECK using ccproxy health", () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2)
    expect(dockerfile).toMatch(/^RUN .*scripts\/build\.ts --single/m)
    expect(dockerfile).toMatch(/^USER nonroot$/m)
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\\\n\s+CMD \["\/usr\/local\/bin\/ccproxy", "health"\]$/m)
    expect(dockerfile).toMatch(/^ENTRYPOINT \["\/usr\/local\/bin\/ccproxy"\]$/m)
    expect(dockerfile).toContain("SERVER__HOST=0.0.0.0")
    expect(read(".dockerignore")).toContain("node_modules")
  })

  test("compose example parses and publishes on loopback with an auth token", () => {
    const compose = parseYaml("docs/examples/compose.yaml")
    const service = compose.services.ccproxy
    expect(service.ports).toEqual(["127.0.0.1:8000:8000"])
    expect(service.environment.CCPROXY_SECURITY__AUTH_TOKEN).toContain("CCPROXY_AUTH_TOKEN")
    expect(service.healthcheck.test).toEqual(["CMD", "/usr/local/bin/ccproxy", "health"])
  })
})
