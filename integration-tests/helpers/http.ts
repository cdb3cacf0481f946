/** The error body of a refused request (axios throws on 4xx). */
export async function refused(request: Promise<unknown>) {
  try {
    await request
  } catch (error: any) {
    if (error?.response) {
      return { status: error.response.status as number, body: error.response.data }
    }
    throw error
  }
  throw new Error("expected the request to be refused")
}
