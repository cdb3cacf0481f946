#!/usr/bin/env node
// Builds the demo storefront's bundle (host/storefront/dist) from the built plugin's client; `npm run demo`
// and `npm test` run it themselves.
require("./lib/storefront").buildStorefront()
