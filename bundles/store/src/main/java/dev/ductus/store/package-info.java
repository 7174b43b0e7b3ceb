/**
 * The model store: {@link dev.ductus.store.ModelStore} loads, verifies, serves and swaps the model of one stage,
 * {@link dev.ductus.store.ModelVersion} names the exact file content behind a result, {@link dev.ductus.store.AtomicFiles}
 * writes models and checkpoints so that a reader (and the store's watch) never sees half a file. Plain Java.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.store;
