// Outside an actor run: the operator connects shared accounts once, and tools or tests open a gate
// with a runtime of their own.
export { connectSharedAccount, DEFAULT_CONNECT_HOST, type ConnectSharedOptions } from './connect-shared.js';
export { detachedRuntime, type DetachedRuntimeOptions } from './detached-runtime.js';
