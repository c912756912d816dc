// The en messages of each catalog form as lazily loaded chunks, by form id: filled in by formMessages in
// vite.config.ts for builds from source with the elements' plugins. Without it, none (whole namespaces are loaded).
const forms: Record<string, () => Promise<unknown>> = {};
export default forms;
