import { startSimulator } from '@lemonvideo/simulator';
import type { TestProject } from 'vitest/node';

/** One simulator for the suite, started in Node (the tests themselves run in a DOM). */
export default async function setup(project: TestProject) {
  const simulator = await startSimulator({ apiKey: 'sk-hooks-test', speed: 200, rateLimit: false });
  project.provide('simulatorUrl', simulator.url);
  return () => simulator.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    simulatorUrl: string;
  }
}
