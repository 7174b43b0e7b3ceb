/** Thin DS components: the ONNX optical-model stage and the export-onnx verb. */
package dev.ductus.onnx.component;
