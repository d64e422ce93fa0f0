import * as fs from "node:fs";
import * as path from "node:path";

/** What a user saw for one bad input or bad situation, as docs/bad-inputs.md shows it. */
export interface Observation {
  case: string;
  /** The input or setting, in the words of a stack's program or config. */
  input: string;
  /** "engine" for `pulumi preview` and `pulumi up`, "runtime" for `UserPasswordRuntime` called directly. */
  ranThrough: "engine" | "runtime";
  /** Whether `pulumi preview` (or `check`, for runtime cases) already fails. */
  previewFails: boolean;
  /** The exact error lines of `pulumi preview`. Empty when it succeeds. */
  previewMessage: string[];
  /** The exact error lines of `pulumi up`. Empty when it succeeds. */
  upMessage: string[];
  /** Whether the engine printed a JavaScript stack trace along with the message. */
  printsStackTrace: boolean;
  /** `PUT /iam/users/{userId}/password` requests the emulator received. */
  changeCalls: number;
  /** `POST /iam/auth/jwt/login` requests the emulator received. */
  logins: number;
  /** Whether the account's password differs from the one it had before the case. */
  passwordChanged: boolean;
  /** Labels of the secrets that appeared in the output. Empty when nothing leaked. */
  leaked: string[];
  /** What is wrong with the message or behaviour, or what the case shows. Empty when there is nothing to add. */
  note: string;
  /** Known defects, each as the behaviour expected once it is fixed. A `test.failing` checks each one. */
  expectedAfterFix: string[];
}

/** The folder of the observed JSON files that `render-doc.js` turns into docs/bad-inputs.md. */
export const OBSERVED_DIR = path.join(__dirname, "observed");

/** Collects the observations of one test file and writes them, in case order, to `observed/<group>.json`. */
export class ObservationLog {
  private readonly rows = new Map<string, Observation>();

  constructor(
    private readonly group: string,
    private readonly title: string,
    private readonly caseOrder: readonly string[],
  ) {}

  record(observation: Observation): void {
    this.rows.set(observation.case, observation);
  }

  /**
   * Writes the file in case order. A case that did not run in this process (a run filtered with
   * `-t`, or one that failed before recording) keeps its previous row, and rows of removed cases go.
   */
  write(): void {
    const file = path.join(OBSERVED_DIR, `${this.group}.json`);
    const previous = new Map(readObservations(file).map((row) => [row.case, row]));
    const observations = this.caseOrder.flatMap((name) => this.rows.get(name) ?? previous.get(name) ?? []);
    fs.mkdirSync(OBSERVED_DIR, { recursive: true });
    // Written under another name and renamed, so the doc test never reads half a file.
    fs.writeFileSync(`${file}.${process.pid}.tmp`, `${JSON.stringify({ title: this.title, observations }, null, 2)}\n`);
    fs.renameSync(`${file}.${process.pid}.tmp`, file);
  }
}

function readObservations(file: string): Observation[] {
  if (!fs.existsSync(file)) {
    return [];
  }
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { observations: Observation[] }).observations;
}
