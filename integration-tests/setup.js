const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

// Module runners register entities globally; start every test file clean.
MetadataStorage.clear()
