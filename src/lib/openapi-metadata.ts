import { z } from "@medusajs/framework/zod"

/** What a schema says of itself in docs/openapi.yaml: its component name, and words on it. */
export type OpenApiMetadata = { id?: string; description?: string }

/**
 * The registry the plugin's zod schemas keep their OpenAPI names and descriptions in, read by src/openapi:
 * `.clone().register(openApiMetadata, { id, description })` is zod's `.meta({ id, description })` (a copy of the
 * schema carrying them, the original untouched) on this registry. Not zod's global registry (`.meta()`): that one takes an id once
 * per process, and a process may load the plugin's files twice (a store in `medusa develop` reloading them, a
 * test that boots the built plugin and imports its sources), which made the second load throw "ID … already
 * exists in the registry" and the store fail to start. Each load of this file has its own registry.
 */
export const openApiMetadata = z.registry<OpenApiMetadata>()
