import { Button, Heading, Text, Textarea, toast } from "@medusajs/ui"
import { useMemo, useRef } from "react"

/** Codes shown in the box; a bigger batch (up to 100,000) is copied and downloaded whole, never drawn whole. */
const SHOWN_CODES = 1_000

/** The codes a bulk generation created, to copy or download. */
export const GeneratedCodes = ({ codes }: { codes: string[] }) => {
  const textarea = useRef<HTMLTextAreaElement>(null)
  const text = useMemo(() => codes.join("\n"), [codes])
  const shown = useMemo(() => (codes.length > SHOWN_CODES ? codes.slice(0, SHOWN_CODES).join("\n") : text), [codes, text])

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
    } catch {
      // No clipboard API outside secure contexts (a store on plain http): copy the selection, the box's codes.
      textarea.current?.select()
      document.execCommand("copy")
      if (codes.length > SHOWN_CODES) {
        toast.warning(`Copied the first ${SHOWN_CODES.toLocaleString()} codes; download the CSV for all ${codes.length.toLocaleString()}`)
        return
      }
    }
    toast.success(`Copied ${codes.length} ${codes.length === 1 ? "code" : "codes"}`)
  }

  const download = () => {
    const url = URL.createObjectURL(new Blob([`code\n${text}\n`], { type: "text/csv" }))
    const link = document.createElement("a")
    link.href = url
    link.download = "coupon-codes.csv"
    link.click()
    URL.revokeObjectURL(url)
  }

  return (
    <div className="flex flex-col gap-y-4" data-testid="generated-codes">
      <div>
        <Heading level="h2">
          {codes.length} {codes.length === 1 ? "code" : "codes"} created
        </Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Each code is a coupon of its own with the terms you chose.
          {codes.length > SHOWN_CODES &&
            ` Showing the first ${SHOWN_CODES.toLocaleString()}; Copy codes and Download CSV give all ${codes.length.toLocaleString()}.`}
        </Text>
      </div>
      <Textarea
        ref={textarea}
        readOnly
        value={shown}
        rows={Math.min(Math.max(codes.length, 3), 14)}
        aria-label="Generated codes"
        className="font-mono"
      />
      <div className="flex gap-x-2">
        <Button size="small" variant="secondary" type="button" onClick={copy}>
          Copy codes
        </Button>
        <Button size="small" variant="transparent" type="button" onClick={download}>
          Download CSV
        </Button>
      </div>
    </div>
  )
}
