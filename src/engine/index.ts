// Placeholder entry point of the pure engine (no DOM); the engine work replaces it.
export const engineVersion = '0.0.0';
