export { runCli, main, buildProgram } from './main.js';
export { WorkFailed, EXIT_OK, EXIT_FAILED, EXIT_USAGE } from './exit.js';
export {
  UsageError,
  loadScenario,
  loadGame,
  readJsonFile,
  writeFileAtomic,
  toJson,
  emit,
  parseSetting,
  parseIntFlag,
  parseNumberFlag,
} from './io.js';
