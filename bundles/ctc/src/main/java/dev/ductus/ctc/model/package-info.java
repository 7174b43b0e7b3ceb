/** CTC models: the network with its alphabet, input spec and training facts, batched scoring, the model file. Exported: the attention systems build on the same encoders and models. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package dev.ductus.ctc.model;
