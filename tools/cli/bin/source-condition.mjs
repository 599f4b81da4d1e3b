// Module resolve hook (registered by jcaco.mjs): resolves with the `@jcaco/source` export
// condition, as `node --conditions=@jcaco/source` would, so workspace packages load from src/.
export async function resolve(specifier, context, nextResolve) {
  const conditions = context.conditions.includes('@jcaco/source')
    ? context.conditions
    : ['@jcaco/source', ...context.conditions];
  return nextResolve(specifier, { ...context, conditions });
}
