// `medusa exec <this file>` in a test host: the host loaded everything a start
// loads (modules, workflows and hooks, subscribers); this says so, and what the
// plugin's hook registration reports when asked again in the same process
// (nothing new: it never registers twice).
exports.default = async function booted() {
  const { takeFreeCartHooks } = require("medusa-plugin-checkout-discounts/workflows/hooks/take-free-cart-hooks")
  let warnings = 0
  const report = takeFreeCartHooks({ warn: () => warnings++ })
  console.log(`HOST BOOTED ${JSON.stringify({ ...report, warnings })}`)
}
