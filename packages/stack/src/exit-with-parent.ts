// Preloaded (`node --require`) into children that have no stop-with-parent logic of their own
// (Azurite): when the stack's IPC channel closes, however the stack died, the child gets the
// SIGTERM it would have sent, so it stops the graceful way and flushes its data. The channel itself
// must not keep the child alive once its servers have closed.
process.channel?.unref();
process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
