import {
  createHostDatabase,
  HostDatabase,
  HostProcess,
  startHostProcess,
  STORE_ADMIN,
} from "../../helpers/host-process"

export type RunningStore = {
  url: string
  admin: { email: string; password: string }
  /** Seconds each start-up phase took. */
  timings: Record<string, number>
  /** The last lines the server printed, for failure messages. */
  logs: () => string
  stop: () => Promise<void>
}

/**
 * A real store for the browser: a fresh database on the tests' PostgreSQL,
 * migrated, with the admin `STORE_ADMIN` (`createHostDatabase`), the demo's data when
 * `seed` is set, then `medusa develop` in
 * ./host (which loads the built plugin by package name) on a free port.
 */
export async function startStore(options: { seed?: boolean } = {}): Promise<RunningStore> {
  const timings: Record<string, number> = {}
  let database: HostDatabase | undefined
  let server: HostProcess | undefined
  const stop = async () => {
    await server?.stop()
    await database?.drop()
  }

  try {
    // Migrated, with the admin and, with `seed`, the demo's data (regions, a publishable key, three
    // merchants' products and coupons): a copy of the run's template but for the first such store of the run.
    database = await createHostDatabase("cd_browser", {}, { demo: options.seed === true })
    timings.database = database.setupSeconds

    // The admin calls the store from the store's own origin.
    server = await startHostProcess(database, {
      name: "the store",
      command: "develop",
      env: (origin) => ({ ADMIN_CORS: origin, AUTH_CORS: origin, STORE_CORS: origin }),
    })
    timings.serverReady = server.readySeconds
  } catch (error) {
    await stop().catch(() => {})
    throw error
  }

  return { url: server.url, admin: STORE_ADMIN, timings, logs: server.logs, stop }
}
