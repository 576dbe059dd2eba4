/**
 * Thrown inside the NIfTI modules when a file must be refused; the handler turns it into
 * `{status: 'rejected', reason}`. A dedicated class lets the handler tell our specific reasons apart from
 * unexpected bugs (which get a generic prefix instead of leaking as a stack trace).
 */
export class NiftiRefusal extends Error {
  override name = 'NiftiRefusal';
}
