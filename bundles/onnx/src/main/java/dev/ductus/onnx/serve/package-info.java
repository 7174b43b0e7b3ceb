/** ONNX CTC optical models served through onnxruntime: loading with shape checks, scoring, the class map. */
package dev.ductus.onnx.serve;
