// The engine worker's constructor, from one module: the page's client and "Your cluster"'s own
// client import it from here, so the build emits the worker once.
import EngineWorker from './engine.worker?worker';

export const spawnEngineWorker = (): Worker => new EngineWorker();
