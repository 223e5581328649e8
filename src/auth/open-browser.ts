/** The command that opens a URL with the desktop's default browser on this platform. */
function browserCommand(url: string, platform: NodeJS.Platform): string[] {
  if (platform === "darwin") return ["open", url]
  // `start` is a cmd built-in; the empty string is the window title it would take from the URL.
  if (platform === "win32") return ["cmd", "/c", "start", "", url.replace(/&/g, "^&")]
  return ["xdg-open", url]
}

/** Tries to open the browser; false (never an exception) when there is none, as on a server. */
export async function openBrowser(url: string, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  try {
    const child = Bun.spawn(browserCommand(url, platform), { stdin: "ignore", stdout: "ignore", stderr: "ignore" })
    const code = await Promise.race([child.exited, new Promise<number>((resolve) => setTimeout(() => resolve(0), 3000))])
    return code === 0
  } catch {
    return false
  }
}
