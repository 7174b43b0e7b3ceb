/** A hand-written encoder of the ONNX protobuf messages (model, graph, node, tensor, value info): enough to write a graph. */
package dev.ductus.onnx.proto;
