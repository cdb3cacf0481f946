import { container } from "@medusajs/framework"
import { ContainerRegistrationKeys, MEDUSA_SKIP_FILE } from "@medusajs/framework/utils"
import { CART_SESSION_MODULE, CartSessionModuleService } from "../modules/cart-session"
import { takeFreeCartHooks } from "../workflows/hooks/take-free-cart-hooks"

// Not a subscriber: the moment the plugin takes the host hooks the store left
// free. The host imports the files of every plugin's subscribers/ (the store's
// own last) right after it imported every workflow and hook file of every
// plugin and of the store, whatever the worker mode (server, worker, shared;
// @medusajs/medusa loaders/index.js), and before it serves anything. So here
// the store's own hook handlers are known, and the plugin registers its
// handler only where the store has none (a hook takes one handler).

const options = container
  .resolve<CartSessionModuleService | undefined>(CART_SESSION_MODULE, { allowUnregistered: true })
  ?.getOptions()

if (options?.registerHooks !== false) {
  takeFreeCartHooks(container.resolve(ContainerRegistrationKeys.LOGGER))
}

// Tells the subscriber loader there is nothing to subscribe here.
module.exports[MEDUSA_SKIP_FILE] = true
