import { z } from "@medusajs/framework/zod"
import * as adminResponses from "../../api/admin/responses"
import { openApiMetadata } from "../../lib/openapi-metadata"
import * as sessionSchemas from "../../workflows/cart-session/views/schemas"

// The schemas' OpenAPI names live in the plugin's own registry, never in zod's global one: that one takes an
// id once per process, and a process that loads the plugin's files twice (a test booting the built plugin and
// importing the sources, a store reloading them) failed to start with "ID … already exists in the registry".
describe("the OpenAPI names of the plugin's schemas", () => {
  const schemas = Object.entries({ ...sessionSchemas, ...adminResponses }).filter(
    (entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType
  )

  it("are kept in the plugin's registry, and none in zod's global one", () => {
    const named = schemas.filter(([, schema]) => openApiMetadata.get(schema)?.id)
    expect(named.map(([name]) => name)).toEqual(expect.arrayContaining(["CartSessionSchema", "AdminCartSessionSchema", "CouponSchema"]))
    expect(schemas.filter(([, schema]) => z.globalRegistry.get(schema)?.id).map(([name]) => name)).toEqual([])
  })
})
