import path from "path"

/** The stock host store (./host) that loads the built plugin by package name. */
export const hostDirectory = path.resolve(__dirname, "../../host")

/**
 * A store that loads the built plugin the same way and handles two of the host
 * hooks the plugin needs itself, calling the plugin's handlers from its own,
 * with its own cart pricing context (integration-tests/hosts/store-with-hooks).
 */
export const storeWithHooksDirectory = path.resolve(__dirname, "../hosts/store-with-hooks")

/**
 * A marketplace that loads the built plugin the same way, with a seller module of its own linked to the
 * host's products and the plugin's `merchantLink` option naming that link (integration-tests/hosts/marketplace).
 */
export const marketplaceDirectory = path.resolve(__dirname, "../hosts/marketplace")
