import { Button, Heading, Text, Textarea, toast } from "@medusajs/ui"
import { useRef } from "react"

/** The codes a bulk generation created, to copy or download. */
export const GeneratedCodes = ({ codes }: { codes: string[] }) => {
  const textarea = useRef<HTMLTextAreaElement>(null)
  const text = codes.join("\n")

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text)
    } catch {
      // No clipboard API outside secure contexts (a store on plain http): copy the selection.
      textarea.current?.select()
      document.execCommand("copy")
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
        </Text>
      </div>
      <Textarea
        ref={textarea}
        readOnly
        value={text}
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
