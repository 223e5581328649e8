import { expect, test } from "bun:test"
import { runLogout } from "~/auth/logout-command"
import { scriptedInteraction } from "../helpers/oauth-fakes"

const storeRemoving = (removed: "entry" | "file" | "none") => {
  const store = {
    path: "/tmp/creds.json",
    removals: 0,
    removeLogin() {
      store.removals++
      return removed
    },
  }
  return store
}

test("says what went: the entry, the whole file, or nothing", async () => {
  const said = async (removed: "entry" | "file" | "none") => {
    const interaction = scriptedInteraction()
    expect(await runLogout(interaction, storeRemoving(removed), { yes: true, question: "?", login: "Test" })).toBe(true)
    return interaction.lines
  }
  expect(await said("entry")).toEqual(["Removed the Test login from /tmp/creds.json (other settings in it kept)."])
  expect(await said("file")).toEqual(["Removed /tmp/creds.json."])
  expect(await said("none")).toEqual(["No Test login in /tmp/creds.json; nothing to remove."])
})

test("without --yes it asks; declined, nothing is removed", async () => {
  const asked: string[] = []
  const interaction = scriptedInteraction({ confirm: false })
  interaction.confirm = async (question) => {
    asked.push(question)
    return false
  }
  const store = storeRemoving("file")
  expect(await runLogout(interaction, store, { question: "Remove it?", login: "Test" })).toBe(false)
  expect(asked).toEqual(["Remove it?"])
  expect(store.removals).toBe(0)
  expect(interaction.lines).toEqual(["Nothing removed."])
})
