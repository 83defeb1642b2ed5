// Values the test runner passes from its process environment (web-test-runner.config.mjs serves
// them at /__test-env), e.g. CHAOS_SEED=123 to replay one chaos seed.
export interface TestEnv {
  readonly CHAOS_SEED?: string;
  readonly CHAOS_SEEDS?: string;
}

export async function testEnv(): Promise<TestEnv> {
  try {
    const response = await fetch('/__test-env');
    return response.ok ? ((await response.json()) as TestEnv) : {};
  } catch {
    return {};
  }
}
