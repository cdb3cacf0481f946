#!/usr/bin/env node
// After `medusa plugin:build`: the typed client's declarations (tsconfig.client.json) beside the
// JavaScript the plugin build emitted for src/client, for the package's "./client" export.
const { buildClientTypes } = require("./lib/plugin")

buildClientTypes()
