// The engine takes about half a second to load: commands load it only once their arguments
// and input files are known to be good, so usage and file errors answer at once.
export const loadEngine = () => import('../engine/index.ts');
