/**
 * The OSGi side of serving: a service registered only while it has something to serve
 * ({@link dev.ductus.store.service.ServiceSlot}), a model stage that registers its service while its store serves
 * a model ({@link dev.ductus.store.service.ModelStage}), and services looked up by name with a bounded wait
 * ({@link dev.ductus.store.service.NamedServices}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.store.service;
