import { MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { COUPON_MODULE, CouponModuleService } from "../../../modules/coupon"
import {
  assertCouponCode,
  COUPON_CODE_MAX_LENGTH,
  RANDOM_ALPHABET_SIZE,
  randomCodePart,
} from "../../../modules/coupon/utils"

export type GenerateCouponCodesInput = {
  prefix: string
  count: number
  /** Length of the random part after the prefix. */
  length: number
  merchant_id?: string | null
}

/** Rounds of redrawing codes that collide before giving up on a crowded code space. */
const MAX_DRAWS = 10
/** Codes per existence query. */
const LOOKUP_CHUNK = 1_000

/**
 * `count` distinct codes `prefix + random`, none used by a live coupon of the
 * same scope (ignoring case). Writes nothing: a code taken between this step
 * and the insert still fails the insert as a whole (COUPON_CODE_TAKEN).
 */
export const generateCouponCodesStep = createStep(
  "generate-coupon-codes",
  async (input: GenerateCouponCodesInput, { container }) => {
    if (input.prefix.length + input.length > COUPON_CODE_MAX_LENGTH) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Field 'length' leaves no room: prefix (${input.prefix.length}) + length (${input.length}) must be at most ${COUPON_CODE_MAX_LENGTH}`
      )
    }
    assertCouponCode(input.prefix + "X".repeat(input.length), "prefix")
    if (RANDOM_ALPHABET_SIZE ** input.length < input.count * 2) {
      throw tooShort(input)
    }
    const coupons = container.resolve<CouponModuleService>(COUPON_MODULE)
    const accepted = new Map<string, string>()

    for (let draw = 0; draw < MAX_DRAWS && accepted.size < input.count; draw++) {
      const candidates = new Map<string, string>()
      while (accepted.size + candidates.size < input.count) {
        const code = input.prefix + randomCodePart(input.length)
        const key = code.toLowerCase()
        if (!accepted.has(key)) {
          candidates.set(key, code)
        }
      }
      const taken = await findTaken(coupons, [...candidates.values()], input.merchant_id ?? null)
      for (const [key, code] of candidates) {
        if (!taken.has(key)) {
          accepted.set(key, code)
        }
      }
    }
    if (accepted.size < input.count) {
      throw tooShort(input)
    }
    return new StepResponse([...accepted.values()])
  }
)

function tooShort(input: GenerateCouponCodesInput) {
  return new MedusaError(
    MedusaError.Types.INVALID_DATA,
    `Field 'length' is too short: cannot find ${input.count} unused codes of ${input.length} random characters after "${input.prefix}"`
  )
}

async function findTaken(coupons: CouponModuleService, codes: string[], merchantId: string | null) {
  const taken = new Set<string>()
  for (let start = 0; start < codes.length; start += LOOKUP_CHUNK) {
    const chunk = await coupons.findTakenCodes(codes.slice(start, start + LOOKUP_CHUNK), merchantId)
    chunk.forEach((code) => taken.add(code))
  }
  return taken
}
