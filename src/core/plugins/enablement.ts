import type { Settings } from "~/config/schema"

/**
 * Why a plugin is off, or undefined when it is on. The order is the documented one:
 * `enable_plugins`, the `enabled_plugins` allow list, the `disabled_plugins` deny list,
 * then `plugins.<name>.enabled` (whose default is the plugin's own).
 */
export function disabledReason(name: string, settings: Settings, enabledSetting: unknown): string | undefined {
  if (!settings.enable_plugins) return "enable_plugins is false"
  if (settings.enabled_plugins && !settings.enabled_plugins.includes(name)) return "not in enabled_plugins"
  if (settings.disabled_plugins.includes(name)) return "in disabled_plugins"
  if (enabledSetting === false) return `plugins.${name}.enabled is false`
  return undefined
}
