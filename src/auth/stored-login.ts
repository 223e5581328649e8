import { CredentialFileError } from "./errors"

/**
 * What `auth login` or `auth status` finds stored. A corrupt credential file is reported
 * rather than thrown: status shows why, and login with --force moves it aside and goes on.
 */
export async function readStoredLogin<T>(read: () => T | Promise<T>): Promise<{ stored?: T; corrupt?: CredentialFileError }> {
  try {
    return { stored: await read() }
  } catch (error) {
    if (error instanceof CredentialFileError) return { corrupt: error }
    throw error
  }
}

export const corruptFileHint = (error: CredentialFileError) => `${error.message}\nRun the login again with --force to move it aside (to ${error.path}.corrupt-<time>) and log in afresh.`
