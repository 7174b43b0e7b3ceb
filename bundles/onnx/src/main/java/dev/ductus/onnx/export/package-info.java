/** Export of Ductus CTC pixel models (CRNN) to ONNX graphs of standard operators. */
package dev.ductus.onnx.export;
