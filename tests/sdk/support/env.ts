const GCORE_VARIABLES = ["GCORE_BASE_URL", "GCORE_API_KEY"] as const;

/** Unsets GCORE_BASE_URL and GCORE_API_KEY before each test of the file and restores them after it. */
export function useCleanGcoreEnv(): void {
  const saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    for (const name of GCORE_VARIABLES) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
  });
  afterEach(() => {
    for (const name of GCORE_VARIABLES) {
      if (saved[name] === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = saved[name];
      }
    }
  });
}
