import path from "path"

/** The stock host store (./host) that loads the built plugin by package name. */
export const hostDirectory = path.resolve(__dirname, "../../host")
