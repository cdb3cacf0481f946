import path from "path"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { COUPON_MODULE } from ".."
import CouponModuleService from "../service"
import { Coupon, CouponRedemption } from "../models"

type CouponSuite = Parameters<typeof moduleIntegrationTestRunner<CouponModuleService>>[0]["testSuite"]

/**
 * Runs a suite against the coupon module on a real database built by its
 * committed migrations (the case-insensitive unique index is hand-written
 * there, so a schema derived from the models would miss it).
 */
export function couponModuleIntegrationTestRunner(testSuite: CouponSuite) {
  return moduleIntegrationTestRunner<CouponModuleService>({
    moduleName: COUPON_MODULE,
    moduleModels: [Coupon, CouponRedemption],
    resolve: "./src/modules/coupon",
    pathToMigrations: path.join(__dirname, "../migrations"),
    testSuite,
  })
}

export const tenPercent = { value_type: "percentage" as const, value: 10 }
