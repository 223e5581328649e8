import { Type, type Static } from "@sinclair/typebox"

export const LITELLM_PRICES_URL = "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json"

const PricingProvider = Type.Union([Type.Literal("all"), Type.Literal("anthropic"), Type.Literal("claude"), Type.Literal("openai")])

export const pricingConfig = Type.Object({
  auto_update: Type.Boolean({
    default: false,
    description: "Download prices from source_url when the cached copy is older than update_interval_hours. Off: only the built-in table and an existing cached download are used, with no network",
  }),
  source_url: Type.String({ default: LITELLM_PRICES_URL, description: "Price list in LiteLLM's model_prices_and_context_window.json format" }),
  update_interval_hours: Type.Number({ default: 6, minimum: 0.25, maximum: 720, description: "Age of the cached download after which auto_update fetches a new one" }),
  force_refresh_on_startup: Type.Boolean({ default: false, description: "With auto_update, download once at startup even when the cached copy is fresh" }),
  download_timeout: Type.Number({ default: 30, minimum: 1, maximum: 600, description: "Seconds a download may take" }),
  cache_dir: Type.String({ default: "", description: 'Folder of model_pricing.json; "" means $XDG_CACHE_HOME/ccproxy' }),
  pricing_provider: { ...PricingProvider, default: "all", description: "Which providers' models to take from a download: all, anthropic (or claude), openai" },
})

export type PricingConfig = Static<typeof pricingConfig>

/** LiteLLM `litellm_provider` values a download is filtered to. */
export function litellmProviders(choice: PricingConfig["pricing_provider"]): ReadonlySet<string> {
  if (choice === "anthropic" || choice === "claude") return new Set(["anthropic"])
  if (choice === "openai") return new Set(["openai"])
  return new Set(["anthropic", "openai"])
}
