export { runCli, buildProgram, WorkFailed, EXIT_OK, EXIT_FAILED, EXIT_USAGE } from './main.js';
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
