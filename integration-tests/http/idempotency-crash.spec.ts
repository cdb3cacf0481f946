import fs from "fs"
import os from "os"
import path from "path"
import { Client } from "pg"
import {
  createHostDatabase,
  HostDatabase,
  HostProcess,
  startHostProcess,
  STORE_ADMIN,
  testConnection,
  withLogsOf,
} from "../helpers/host-process"
import { seedStorefrontOverHttp, StorefrontOverHttp } from "../helpers/storefront-over-http"

// The idempotency crash window (issue 21): a server that dies right after a change's transaction commits,
// before it answers. The change's Idempotency-Key is completed with its answer in that same transaction, so
// a retry, even past the 5 minutes after which a key left `in_progress` is taken over, replays the answer
// and never applies the change again. The crash is real: a `medusa start` process of ./host killed with
// SIGKILL the moment PostgreSQL acknowledges the COMMIT (integration-tests/hosts/crash-after-commit).

jest.setTimeout(600_000)

const PRELOAD = path.resolve(__dirname, "../hosts/crash-after-commit/preload.js")

type Sent = { status: number; replayed: string | null; text: string }

describe("a change whose server dies right after its commit", () => {
  let database: HostDatabase
  let servers: HostProcess[] = []
  let db: Client
  let armed: string

  beforeAll(async () => {
    armed = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "crash-after-commit-")), "armed")
    database = await createHostDatabase("idem_crash", { REDIS_URL: undefined, MEDUSA_WORKER_MODE: "shared" })
    db = new Client({ ...testConnection(), database: database.name })
    await db.connect()
  })

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()))
    await db?.end()
    await database?.drop()
  })

  const start = async (name: string, crashing: boolean) => {
    const server = await startHostProcess(database, {
      name,
      command: "start",
      env: crashing
        ? {
            NODE_OPTIONS: `${database.env.NODE_OPTIONS ?? ""} --require ${PRELOAD}`.trim(),
            CRASH_AFTER_COMMIT_TABLE: "cart_session_line_item",
            CRASH_AFTER_COMMIT_ARMED: armed,
          }
        : {},
    })
    servers.push(server)
    return server
  }

  const send = async (url: string, store: StorefrontOverHttp, body: unknown, key: string): Promise<Sent> => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-publishable-api-key": store.publishableKey, "idempotency-key": key },
      body: JSON.stringify(body),
    })
    return { status: response.status, replayed: response.headers.get("idempotent-replayed"), text: await response.text() }
  }

  it("leaves its key completed with the answer, so a retry 10 minutes later replays it and the quantity is added once", async () => {
    const crashing = await start("crashing server", true)
    await withLogsOf(servers, async () => {
      const store = await seedStorefrontOverHttp(crashing.url, STORE_ADMIN, {
        products: [{ title: "Kettle", merchant: "acme", usd: 30 }],
        coupons: [],
      })
      const [kettle] = store.products
      const created = await fetch(`${crashing.url}/store/cart-sessions`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-publishable-api-key": store.publishableKey },
        body: JSON.stringify({}),
      }).then((response) => response.json())
      const sessionId = created.cart_session.id
      const addPath = `/store/cart-sessions/${sessionId}/line-items`
      const add = { variant_id: kettle.variantId, quantity: 1 }
      const key = "2f6d1c1e-5a52-4f7b-9a53-crash-after-commit"

      fs.writeFileSync(armed, "")
      await expect(send(`${crashing.url}${addPath}`, store, add, key)).rejects.toThrow("fetch failed") // the connection dies with the server
      fs.rmSync(armed)

      // Committed: the line is there, the session one version on, and the key holds the answer.
      const line = await db.query(
        `select quantity from cart_session_line_item where cart_session_id = $1 and deleted_at is null`,
        [sessionId]
      )
      expect(line.rows).toEqual([{ quantity: 1 }])
      const { rows: keys } = await db.query(`select state, response_status, response_body from idempotency_key where key = $1`, [key])
      expect(keys).toEqual([expect.objectContaining({ state: "completed", response_status: 200 })])
      const stored = keys[0].response_body as string
      expect(JSON.parse(stored).cart_session.bags[0].items[0]).toMatchObject({ variant_id: kettle.variantId, quantity: 1 })
      // Written by the change's own transaction: the key's row and the session's carry its transaction id.
      const { rows: writers } = await db.query(
        `select (select xmin::text from idempotency_key where key = $1) as key_xmin,
                (select xmin::text from cart_session where id = $2) as session_xmin`,
        [key, sessionId]
      )
      expect(writers[0].key_xmin).toBe(writers[0].session_xmin)
      const { rows: before } = await db.query(`select version from cart_session where id = $1`, [sessionId])

      // Ten minutes later (a key left in progress is taken over after five), on another server.
      await db.query(`update idempotency_key set locked_at = locked_at - interval '10 minutes', created_at = created_at - interval '10 minutes' where key = $1`, [key])
      const survivor = await start("surviving server", false)
      const retried = await send(`${survivor.url}${addPath}`, store, add, key)
      expect(retried).toEqual({ status: 200, replayed: "true", text: stored })

      const after = await db.query(`select quantity from cart_session_line_item where cart_session_id = $1 and deleted_at is null`, [sessionId])
      expect(after.rows).toEqual([{ quantity: 1 }])
      const { rows: version } = await db.query(`select version from cart_session where id = $1`, [sessionId])
      expect(version).toEqual(before)

      // The same request under a new key is a new change: the quantity grows.
      const again = await send(`${survivor.url}${addPath}`, store, add, "7c0e3f55-0d0b-4a57-8f57-a-new-request")
      expect(again.status).toBe(200)
      expect(JSON.parse(again.text).cart_session.bags[0].items[0].quantity).toBe(2)
    })
  })
})
