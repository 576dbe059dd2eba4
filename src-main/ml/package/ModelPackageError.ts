/** A model package that must not be loaded, with the reason a user can act on. */
export class ModelPackageError extends Error {
  constructor(
    message: string,
    readonly packageDir: string,
  ) {
    super(`${packageDir}: ${message}`);
  }
}
