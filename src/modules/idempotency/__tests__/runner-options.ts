import path from "path"
import { IDEMPOTENCY_MODULE } from ".."
import { IdempotencyKey } from "../models"

/** moduleIntegrationTestRunner options: the real module on its committed migration. */
export const idempotencyModuleUnderTest = {
  moduleName: IDEMPOTENCY_MODULE,
  moduleModels: [IdempotencyKey],
  resolve: "./src/modules/idempotency",
  pathToMigrations: path.join(__dirname, "../migrations"),
}
