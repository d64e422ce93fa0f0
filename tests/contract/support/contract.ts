import { readFileSync } from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";

/** Path of the OpenAPI description that the client and the emulator must follow. */
export const CONTRACT_PATH = path.resolve(__dirname, "../../../contract/gcore-iam.openapi.yaml");

/** Id under which the whole OpenAPI document is registered with Ajv, so that `#/components/...` references resolve. */
const DOCUMENT_ID = "https://gcore-rotate.invalid/contract/gcore-iam.openapi.yaml";

type Json = Record<string, any>;

/** An HTTP request as a contract check needs it. */
export interface ContractRequest {
  method: string;
  /** Path without query string, such as "/iam/users/42/password". */
  path: string;
  /** Header names in lowercase. */
  headers: Record<string, string | string[] | undefined>;
  /** Raw body text; "" when there is none. */
  body: string;
}

/** An HTTP response as a contract check needs it. */
export interface ContractResponse {
  status: number;
  /** Header names in lowercase. */
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A matched operation: its path template, method, definition and JSON pointer in the document. */
interface Operation {
  template: string;
  method: string;
  definition: Json;
  pointer: string;
  pathParameters: Record<string, string>;
}

/**
 * The OpenAPI description loaded once, with Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1)
 * compiling the schemas it points to. Each check returns a list of problems, empty when the message
 * follows the contract.
 */
export class Contract {
  readonly document: Json;
  private readonly ajv: Ajv2020;

  constructor(document: Json = parse(readFileSync(CONTRACT_PATH, "utf8"))) {
    this.document = document;
    // strict: false, because the document's non-schema parts (paths, responses) carry keywords Ajv does not know.
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    this.ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  }

  /** Lists how `request` breaks the contract: unknown operation, bad path parameter, missing credentials or a body off its schema. */
  checkRequest(request: ContractRequest): string[] {
    const operation = this.findOperation(request.method, request.path);
    if (typeof operation === "string") {
      return [operation];
    }

    const problems = this.checkPathParameters(operation);
    problems.push(...this.checkCredentials(operation, request.headers.authorization));

    const bodyPointer = `${operation.pointer}/requestBody/content/${escapePointer("application/json")}/schema`;
    if (operation.definition.requestBody === undefined) {
      if (request.body !== "") {
        problems.push(`${describe(operation)} takes no body, but one was sent`);
      }
      return problems;
    }

    problems.push(...this.checkJsonBody(`${describe(operation)} request`, bodyPointer, request.body, request.headers["content-type"]));
    return problems;
  }

  /** Lists how `response` to a request for `method` and `requestPath` breaks the contract. */
  checkResponse(method: string, requestPath: string, response: ContractResponse): string[] {
    const operation = this.findOperation(method, requestPath);
    if (typeof operation === "string") {
      return [operation];
    }

    const statusKey = [String(response.status), `${String(response.status)[0]}XX`].find((key) => operation.definition.responses?.[key] !== undefined);
    if (statusKey === undefined) {
      return [`${describe(operation)} response status ${response.status} is not in the contract`];
    }

    const responsePointer = this.resolvePointer(`${operation.pointer}/responses/${statusKey}`);
    const definition = this.at(responsePointer);
    const problems = this.checkHeaders(`${describe(operation)} ${response.status}`, responsePointer, definition, response.headers);
    if (definition.content === undefined) {
      if (response.body !== "") {
        problems.push(`${describe(operation)} ${response.status} has no body in the contract, but one was sent`);
      }
      return problems;
    }

    const schemaPointer = `${responsePointer}/content/${escapePointer("application/json")}/schema`;
    problems.push(...this.checkJsonBody(`${describe(operation)} ${response.status}`, schemaPointer, response.body, response.headers["content-type"]));
    return problems;
  }

  /** Lists how `value` breaks the schema at `components/schemas/<name>`. */
  checkSchema(name: string, value: unknown): string[] {
    return this.validate(`#/components/schemas/${name}`, value, name);
  }

  /** Lists every operation as "METHOD /template" with its documented status keys. */
  operations(): Array<{ method: string; template: string; statuses: string[] }> {
    const result = [];
    for (const [template, item] of Object.entries<Json>(this.document.paths)) {
      for (const [method, definition] of Object.entries<Json>(item)) {
        result.push({ method: method.toUpperCase(), template, statuses: Object.keys(definition.responses ?? {}) });
      }
    }
    return result;
  }

  private findOperation(method: string, requestPath: string): Operation | string {
    for (const [template, item] of Object.entries<Json>(this.document.paths)) {
      const names: string[] = [];
      const pattern = new RegExp(`^${template.replace(/\{([^}]+)\}/g, (_match, name: string) => (names.push(name), "([^/]+)"))}$`);
      const match = pattern.exec(requestPath);
      const definition = item[method.toLowerCase()];
      if (match === null || definition === undefined) {
        continue;
      }

      const pathParameters = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1])]));
      const pointer = `#/paths/${escapePointer(template)}/${method.toLowerCase()}`;
      return { template, method: method.toUpperCase(), definition, pointer, pathParameters };
    }

    return `${method} ${requestPath} matches no operation of the contract`;
  }

  private checkPathParameters(operation: Operation): string[] {
    const problems: string[] = [];
    for (const reference of operation.definition.parameters ?? []) {
      const parameterPointer = this.resolvePointer(reference.$ref ?? "");
      const parameter = this.at(parameterPointer);
      if (parameter.in !== "path") {
        continue;
      }

      const raw = operation.pathParameters[parameter.name];
      const value = parameter.schema?.type === "integer" && /^-?[0-9]+$/.test(raw) ? Number(raw) : raw;
      problems.push(...this.validate(`${parameterPointer}/schema`, value, `${describe(operation)} path parameter ${parameter.name}`));
    }
    return problems;
  }

  /** Checks the Authorization header against the operation's security: none for `security: []`, else APIKey or Bearer. */
  private checkCredentials(operation: Operation, authorization: string | string[] | undefined): string[] {
    const security: Json[] = operation.definition.security ?? this.document.security ?? [];
    if (security.length === 0) {
      return authorization === undefined ? [] : [`${describe(operation)} needs no credentials, but an Authorization header was sent`];
    }
    if (typeof authorization !== "string") {
      return [`${describe(operation)} needs an Authorization header`];
    }

    const schemes = security.flatMap((requirement) => Object.keys(requirement));
    const accepted = schemes.some((scheme) => (scheme === "APIKey" ? /^apikey \S+$/i.test(authorization) : /^Bearer \S+$/.test(authorization)));
    return accepted ? [] : [`${describe(operation)} Authorization header uses none of the schemes ${schemes.join(", ")}`];
  }

  private checkHeaders(where: string, responsePointer: string, definition: Json, headers: ContractResponse["headers"]): string[] {
    const problems: string[] = [];
    for (const [name, header] of Object.entries<Json>(definition.headers ?? {})) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) {
        if (header.required === true) {
          problems.push(`${where} lacks the required header ${name}`);
        }
        continue;
      }
      problems.push(...this.validate(`${responsePointer}/headers/${escapePointer(name)}/schema`, value, `${where} header ${name}`));
    }
    return problems;
  }

  private checkJsonBody(where: string, schemaPointer: string, body: string, contentType: string | string[] | undefined): string[] {
    if (typeof contentType !== "string" || !/^application\/json\b/.test(contentType)) {
      return [`${where} has Content-Type ${JSON.stringify(contentType)}, not application/json`];
    }

    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch {
      return [`${where} body is not valid JSON`];
    }
    return this.validate(schemaPointer, value, `${where} body`);
  }

  private validate(pointer: string, value: unknown, where: string): string[] {
    // Ajv reads the fragment as a URI, so each pointer segment is percent-encoded ("{userId}" included).
    const fragment = pointer.replace(/^#/, "").split("/").map(encodeURIComponent).join("/");
    const validator = this.ajv.getSchema(`${DOCUMENT_ID}#${fragment}`);
    if (validator === undefined) {
      throw new Error(`The contract has no schema at ${pointer}`);
    }
    if (validator(value)) {
      return [];
    }

    return (validator.errors ?? []).map((error) => `${where}${error.instancePath} ${error.message ?? "is invalid"} ${JSON.stringify(error.params)}`);
  }

  /** Follows `$ref`s from `pointer` and returns the pointer of the object they end at. */
  private resolvePointer(pointer: string): string {
    let current = pointer;
    for (let depth = 0; depth < 10; depth++) {
      const reference = this.at(current).$ref;
      if (typeof reference !== "string") {
        return current;
      }
      current = reference;
    }
    throw new Error(`Reference cycle at ${pointer}`);
  }

  private at(pointer: string): Json {
    let node: any = this.document;
    for (const part of pointer.replace(/^#\//, "").split("/")) {
      node = node?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    if (node === undefined) {
      throw new Error(`The contract has nothing at ${pointer}`);
    }
    return node;
  }
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

function describe(operation: Operation): string {
  return `${operation.method} ${operation.template}`;
}
