import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import {
  couponRulesProblems,
  describeCouponRules,
  idsByEntity,
  ruleReferences,
  unknownIdProblems,
  type CouponRulesInput,
  type RuleProblem,
} from "../../../lib/coupon-rules"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"
import { readHostEntities } from "../../host/host-entities"

const RULE_LISTS = ["rules", "target_rules", "buy_rules"] as const

/**
 * Everything wrong with coupons' rules (docs/coupon-rules.md), as they will be stored: attributes and
 * operators this store knows, values, fields that fit together, and every id the host does not have, in
 * the rule lists `given[i]` names (an update checks the ids it sends, not ids stored before that the host
 * may since have deleted). One read of the host a kind of entity, for all the coupons.
 */
export async function couponRulesProblemsOf(
  container: MedusaContainer,
  coupons: CouponRulesInput[],
  given: (readonly string[])[] = coupons.map(() => RULE_LISTS)
): Promise<RuleProblem[][]> {
  const registry = container.resolve<CouponModuleService>(COUPON_MODULE).getRuleRegistry()
  const problems = coupons.map((coupon) => couponRulesProblems(coupon, registry))
  const references = coupons.map((coupon, index) =>
    problems[index].length
      ? []
      : ruleReferences(coupon, registry).filter((reference) => given[index].includes(reference.field.split(".")[0]))
  )
  const all = references.flat()
  if (!all.length) {
    return problems
  }
  const { found } = await readHostEntities(container, idsByEntity(all))
  return problems.map((list, index) => [...list, ...unknownIdProblems(references[index], found)])
}

/** Throws a 400 (`invalid_data`) naming every field of every coupon whose rules are wrong. */
export async function assertCouponRules(
  container: MedusaContainer,
  coupons: CouponRulesInput[],
  given?: (readonly string[])[]
): Promise<void> {
  const problems = (await couponRulesProblemsOf(container, coupons, given)).flat()
  if (problems.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, problems.map((problem) => problem.message).join("; "))
  }
}

/** A coupon's rules in sentences for its page in the admin, the ids they name shown by their names. */
export async function describeCouponRulesForAdmin(container: MedusaContainer, coupon: CouponRulesInput): Promise<string[]> {
  const registry = container.resolve<CouponModuleService>(COUPON_MODULE).getRuleRegistry()
  const { names } = await readHostEntities(container, idsByEntity(ruleReferences(coupon, registry)))
  return describeCouponRules(coupon, registry, { names, currency_code: coupon.currency_code })
}
