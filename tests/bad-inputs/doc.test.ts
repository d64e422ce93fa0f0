import * as fs from "node:fs";

/** The renderer script, which also runs from the command line. */
const { renderDoc, DOC_PATH } = require("./render-doc.js") as { renderDoc(): string; DOC_PATH: string };

describe("docs/bad-inputs.md", () => {
  test("matches the observations", () => {
    // After a behaviour change, run `npx jest tests/bad-inputs`, then `node tests/bad-inputs/render-doc.js`.
    expect(fs.readFileSync(DOC_PATH, "utf8")).toBe(renderDoc());
  });
});
