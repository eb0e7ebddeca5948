/** Blobs that cannot be merged into one run's report: named on stderr, exit 2, nothing written. */
export class BlobInputError extends Error {
  override readonly name = "BlobInputError";
}
