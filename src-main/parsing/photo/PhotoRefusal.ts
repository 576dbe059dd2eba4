/**
 * Thrown inside the photo modules when an image must be refused; handlePhoto turns it into
 * `{status: 'rejected', reason}`, readPhoto lets it propagate. Separate from generic errors so that our
 * specific reasons are kept verbatim and library failures get a "decode failed" prefix.
 */
export class PhotoRefusal extends Error {
  override name = 'PhotoRefusal';
}
