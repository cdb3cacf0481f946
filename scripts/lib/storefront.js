// The demo storefront's bundle (host/storefront, vite): the typed client as a storefront installs it, built
// for the browser into host/storefront/dist, which the host serves at /storefront.
const path = require("path")
const { projectRoot } = require("./database")
const { run } = require("./plugin")

function buildStorefront() {
  run(path.join(projectRoot, "node_modules", ".bin", "vite"), ["build", "--config", "host/storefront/vite.config.mjs"])
}

module.exports = { buildStorefront }
