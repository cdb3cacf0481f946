import fs from "fs"
import path from "path"

/** Where the storefront's bundle is built (host/storefront/vite.config.mjs); the host runs in ./host. */
export const STOREFRONT_DIST = path.join(process.cwd(), "storefront", "dist")

const STYLE = `
  body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
  #storefront { max-width: 1180px; margin: 0 auto; padding: 16px 24px 48px; }
  header { display: flex; align-items: baseline; gap: 24px; }
  header h1 { font-size: 22px; margin-right: auto; }
  h2 { font-size: 17px; margin: 0 0 8px; } h3 { font-size: 15px; margin: 8px 0; }
  .columns { display: grid; grid-template-columns: 1fr 1.4fr; gap: 24px; align-items: start; }
  section, form.address { background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 12px 16px; margin-bottom: 16px; }
  .product, .lines li { display: flex; gap: 12px; align-items: center; padding: 4px 0; }
  .product span:first-child, .lines li span:first-child { flex: 1; }
  .price { font-variant-numeric: tabular-nums; }
  .lines { list-style: none; padding: 0; margin: 0; }
  .bag { border-color: #8c959f; }
  .totals { width: 100%; border-collapse: collapse; margin-top: 8px; }
  .totals th { text-align: left; font-weight: normal; color: #57606a; } .totals td { text-align: right; font-variant-numeric: tabular-nums; }
  .totals tr[data-total="total"], .totals tr[data-total="session"] { font-weight: 600; }
  .codes ul { list-style: none; padding: 0; } .codes li { padding: 4px 0; } .codes li button { margin-left: 8px; }
  .codes li.applied strong { color: #1a7f37; } .codes li.refused strong { color: #cf222e; }
  .message, .notice, .hint { color: #57606a; }
  .error { background: #ffebe9; border: 1px solid #ff8182; padding: 8px 12px; border-radius: 6px; }
  form.address label, .add-on, .shipping { display: block; margin: 4px 0; }
  button { cursor: pointer; } button.checkout { font-size: 16px; padding: 8px 24px; margin-top: 12px; }
`

const escape = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`)

/** The page: a root element carrying the publishable key, and the bundle. */
export function storefrontPage(publishableKey: string | null): string {
  const built = fs.existsSync(path.join(STOREFRONT_DIST, "storefront.js"))
  const problem = !built
    ? "The storefront is not built: run `npm run demo` (or node scripts/build-storefront.js)."
    : !publishableKey
      ? "No publishable key: seed the demo (`npm run demo`) or set STOREFRONT_PUBLISHABLE_KEY."
      : null
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Checkout discounts demo storefront</title>
  <style>${STYLE}</style>
</head>
<body>
  <main id="storefront" data-publishable-key="${escape(publishableKey ?? "")}">${problem ? `<p role="alert" class="error">${escape(problem)}</p>` : "<p>Loading…</p>"}</main>
  ${problem ? "" : '<script type="module" src="/storefront/assets/storefront.js"></script>'}
</body>
</html>`
}
