import { UpstreamFormatError } from "../errors"

type UpstreamRecord = Record<string, unknown>

const isRecord = (value: unknown): value is UpstreamRecord => typeof value === "object" && value !== null && !Array.isArray(value)

/** The upstream body (or a part of it) as an object; anything else is an {@link UpstreamFormatError}. */
export function upstreamObject(value: unknown, what: string): UpstreamRecord {
  if (!isRecord(value)) throw new UpstreamFormatError(`upstream ${what} is not an object`)
  return value
}

/** An array of objects in the upstream body, such as Anthropic `content` or Responses `output`. */
export function upstreamObjects(value: unknown, what: string): UpstreamRecord[] {
  if (!Array.isArray(value)) throw new UpstreamFormatError(`upstream ${what} is not an array`)
  value.forEach((entry, index) => upstreamObject(entry, `${what}[${index}]`))
  return value as UpstreamRecord[]
}

/**
 * Wraps a response converter: a TypeError raised while reading a body of an unexpected shape
 * (a null item, a string where parts were due, …) becomes an {@link UpstreamFormatError}
 * instead of an internal error.
 */
export function guardResponse<T>(what: string, convert: (response: unknown, ctx: T) => unknown) {
  return (response: unknown, ctx: T): unknown => {
    try {
      return convert(response, ctx)
    } catch (error) {
      if (error instanceof TypeError) throw new UpstreamFormatError(`upstream ${what} has an unexpected shape: ${error.message}`, { cause: error })
      throw error
    }
  }
}
