import { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  generateJwtToken,
  Modules,
} from "@medusajs/framework/utils"

export type AdminHeaders = { headers: Record<string, string> }

/** Creates an admin user with an emailpass identity and returns its bearer headers. */
export async function createAdminUser(
  container: MedusaContainer,
  email = "admin@checkout-discounts.test"
): Promise<AdminHeaders> {
  const users = container.resolve(Modules.USER)
  const auth = container.resolve(Modules.AUTH)
  const config = container.resolve(ContainerRegistrationKeys.CONFIG_MODULE)
  const user = await users.createUsers({ email })
  const identity = await auth.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: { user_id: user.id },
  })
  const { jwtSecret, jwtOptions } = config.projectConfig.http
  const token = generateJwtToken(
    {
      actor_id: user.id,
      actor_type: "user",
      auth_identity_id: identity.id,
      app_metadata: { user_id: user.id },
    },
    { secret: jwtSecret!, expiresIn: "1d", jwtOptions }
  )
  return { headers: { authorization: `Bearer ${token}` } }
}
