import { handleRequest } from './engine.js';
import { checkRequest, type ExplorerReply } from './protocol.js';

/** The part of the worker's global scope this module uses (the DOM lib types `self` as a window). */
interface WorkerScope {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: ExplorerReply): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  let id = -1;
  try {
    const req = checkRequest(event.data);
    id = req.id;
    handleRequest(req, (reply) => scope.postMessage(reply));
  } catch (e) {
    scope.postMessage({ type: 'error', id, message: (e as Error).message });
  }
};
